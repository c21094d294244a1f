// The build writes a declaration file for each entry of a package, the `victor-flags` bin
// included. A bin without any export made that an empty chunk, and every `npm run build`
// printed `Generated an empty chunk "cli"`, a warning people learn to ignore. This builds the
// bin's declaration the way rollup.config.mjs does (in memory, so dist is left alone).
import { fileURLToPath } from "node:url";
import { rollup, type RollupLog } from "rollup";
import { dts } from "rollup-plugin-dts";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("the victor-flags bin's declaration build", { timeout: 60_000 }, () => {
  it("is not an empty chunk (no rollup warning)", async () => {
    const warnings: RollupLog[] = [];
    const build = await rollup({
      input: { cli: `${root}packages/node/src/cli.ts` },
      external: (id) => id.startsWith("node:") || /^(@victor-flags\/core|yaml)(\/|$)/.test(id),
      plugins: [dts({ tsconfig: `${root}tsconfig.build.json` })],
      onwarn: (warning) => void warnings.push(warning),
    });
    const { output } = await build.generate({ format: "es" });
    await build.close();
    expect(warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
    expect(output[0].code).toContain("export type { CliIO }");
  });
});
