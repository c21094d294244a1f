// `victor-flags codegen` run as users run it (the built bin in a child process), and the typed
// names it produces checked by the TypeScript compiler over fixture files.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "packages/node/dist/cli.js");
const catalogue = join(root, "examples/victor-catalogue.json");
const fixtures = join(root, "test/types/fixtures");
let dir: string;

function cli(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** Type errors in `files` (the fixtures and the generated declaration) when compiled together. */
function typeErrors(files: string[]): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "test/types/tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const program = ts.createProgram({ rootNames: files, options: parsed.options });
  const mine = new Set(files.map((f) => f.replace(/\\/g, "/")));
  // Only the fixtures' own lines count: library sources are compiled by users from .d.ts files.
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && mine.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName.split("/").pop()}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (these tests run the built CLI)`);
  dir = mkdtempSync(join(tmpdir(), "vf-codegen-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("victor-flags codegen", { timeout: 30_000 }, () => {
  it("writes a declaration registering every flag and each experiment's variants", () => {
    const res = cli("codegen", catalogue, "--out", "src/flags.d.ts");
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    expect(res.out.trim()).toBe("wrote src/flags.d.ts (9 flags, 1 experiment)");
    const text = readFileSync(join(dir, "src/flags.d.ts"), "utf8");
    expect(text).toContain('declare module "@victor-flags/core" {');
    expect(text).toContain("      self_improvement_enabled: true;");
    expect(text).toContain('      experiment_1: "control" | "treatment_a" | "treatment_b";');
    expect(text).toContain("      /** Enable proficiency tracking and self-improvement loops */");
    expect(text).toContain("    values: {\n");
    expect(text).toContain("      self_improvement_enabled: boolean;");
  });

  it("counts in the singular and the plural", () => {
    writeFileSync(join(dir, "one.json"), JSON.stringify({ version: 1, flags: { a: { default: true } } }));
    expect(cli("codegen", "one.json", "--out", "one.d.ts").out.trim()).toBe("wrote one.d.ts (1 flag, 0 experiments)");
  });

  it("writes src/flags.d.ts by default and prints the declaration with --out -", () => {
    const res = cli("codegen", catalogue);
    expect(res.code).toBe(0);
    expect(existsSync(join(dir, "src/flags.d.ts"))).toBe(true);
    const printed = cli("codegen", catalogue, "--out", "-");
    expect(printed.code).toBe(0);
    expect(printed.out).toContain("interface Register");
  });

  it("--check exits 0 when the file matches the config, and the header does not depend on the working directory", () => {
    cli("codegen", catalogue, "--out", "src/flags.d.ts");
    const res = cli("codegen", catalogue, "--out", join(dir, "src/flags.d.ts"), "--check");
    expect(res.code).toBe(0);
    expect(res.out).toContain("is up to date");
  });

  it("--check exits 1 naming what changed when the config moved on, and writes nothing", () => {
    const config = join(dir, "flags.json");
    copyFileSync(catalogue, config);
    expect(cli("codegen", config, "--out", "out/flags.d.ts").code).toBe(0);
    const doc = JSON.parse(readFileSync(config, "utf8"));
    doc.flags.checkout_v2_enabled = { default: false };
    doc.experiments.experiment_1.variants.push("treatment_c");
    doc.experiments.experiment_1.weights = [0.25, 0.25, 0.25, 0.25];
    writeFileSync(config, JSON.stringify(doc));
    const before = readFileSync(join(dir, "out/flags.d.ts"), "utf8");
    const res = cli("codegen", config, "--out", "out/flags.d.ts", "--check");
    expect(res.code).toBe(1);
    expect(res.err).toContain("out/flags.d.ts is out of date:");
    expect(res.err).toContain("+ checkout_v2_enabled: true;");
    expect(res.err).toContain('- experiment_1: "control" | "treatment_a" | "treatment_b";');
    expect(res.err).toContain(`Run: victor-flags codegen ${config} --out out/flags.d.ts`);
    expect(readFileSync(join(dir, "out/flags.d.ts"), "utf8")).toBe(before);
    expect(cli("codegen", config, "--out", "out/flags.d.ts").code).toBe(0);
    expect(cli("codegen", config, "--out", "out/flags.d.ts", "--check").code).toBe(0);
  });

  it("--check exits 1 when the file does not exist", () => {
    const res = cli("codegen", catalogue, "--out", "missing/flags.d.ts", "--check");
    expect(res.code).toBe(1);
    expect(res.err).toContain("missing/flags.d.ts does not exist");
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("an invalid config exits 1 with its problems and writes nothing", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ version: 1, flags: { a: { default: "yes" } } }));
    const res = cli("codegen", bad, "--out", "bad/flags.d.ts");
    expect(res.code).toBe(1);
    expect(res.err).toContain("flags.a.default");
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });

  it("is listed in --help", () => {
    expect(cli("--help").out).toMatch(/codegen\s+write a \.d\.ts/);
  });
});

describe("typed names (tsc over fixtures)", () => {
  let declaration: string;
  beforeAll(() => {
    declaration = join(dir, "typed/flags.d.ts");
    expect(cli("codegen", catalogue, "--out", declaration).code).toBe(0);
  });

  it("with the generated declaration, typos in useFlag, useVariant, <FeatureGate>, isEnabled and setFlag fail to compile", () => {
    // Each typo line carries @ts-expect-error: an unused directive would be reported here.
    expect(typeErrors([join(fixtures, "typed-names.tsx"), declaration])).toEqual([]);
  }, 60_000);

  it("without the declaration the same typos compile (so the directives above are what the declaration adds)", () => {
    const errors = typeErrors([join(fixtures, "typed-names.tsx")]);
    const unused = errors.filter((e) => e.includes("Unused '@ts-expect-error' directive"));
    expect(unused.length).toBe(8);
  }, 60_000);

  it("a user's project compiled against the published .d.ts files (dist) catches the same typos", () => {
    for (const pkg of ["core", "react"]) {
      if (!existsSync(join(root, `packages/${pkg}/dist/index.d.ts`))) throw new Error(`packages/${pkg}/dist is missing: run \`npm run build\` first`);
    }
    const project = join(dir, "user-project");
    mkdirSync(join(project, "src"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(project, "node_modules"), "dir");
    copyFileSync(join(fixtures, "typed-names.tsx"), join(project, "src/typed-names.tsx"));
    expect(cli("codegen", catalogue, "--out", join(project, "src/flags.d.ts")).code).toBe(0);
    const compile = () => {
      const program = ts.createProgram({
        rootNames: ts.sys.readDirectory(join(project, "src"), [".ts", ".tsx"]),
        options: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, jsx: ts.JsxEmit.ReactJSX, strict: true, noEmit: true, skipLibCheck: true, types: [] },
      });
      return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
    };
    expect(compile()).toEqual([]);
    rmSync(join(project, "src/flags.d.ts"));
    expect(compile().filter((e) => e.includes("Unused '@ts-expect-error' directive"))).toHaveLength(8);
  }, 60_000);

  it("flagd keys and value types: a wrong fallback type or a typo in a typed key fails to compile", () => {
    const values = join(dir, "values/flags.d.ts");
    expect(cli("codegen", join(root, "test/node/fixtures/typed-values-flags.json"), "--out", values).code).toBe(0);
    const text = readFileSync(values, "utf8");
    expect(text).toContain('      "banner-text": "Welkom terug!" | "Welcome back!";');
    expect(text).toContain('      "limits.api": number;');
    expect(text).toContain("      checkoutLayout: { [key: string]: never } | { columns: number; dense: boolean; labels: string[] };");
    expect(text).toContain('      "beta-tester": true;');
    expect(typeErrors([join(fixtures, "typed-values.tsx"), values])).toEqual([]);
    // without the declaration every @ts-expect-error line compiles, so the directives are what it adds
    const unused = typeErrors([join(fixtures, "typed-values.tsx")]).filter((e) => e.includes("Unused '@ts-expect-error' directive"));
    expect(unused).toHaveLength(7);
  }, 60_000);

  it("an ungenerated project accepts any string and types variants as string", () => {
    expect(typeErrors([join(fixtures, "untyped-names.tsx")])).toEqual([]);
  }, 60_000);
});
