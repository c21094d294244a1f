import { loadConfigFile } from "../config-file.js";
import { buildFlagMatrix, toGithubMatrix, type FlagMatrixMode } from "../flag-matrix.js";
import { EXIT_OK, stringOption, UsageError, type CliCommand } from "./command.js";

/** `victor-flags matrix <config>`: the flag combinations to run CI under. */
export const matrixCommand: CliCommand = {
  name: "matrix",
  summary: "print the flag combinations to test in CI (JSON, or a GitHub Actions matrix)",
  positionals: [{ name: "config", required: true, description: "the config file" }],
  options: {
    flags: { type: "string", valueName: "a,b", description: "vary only these flags (default mode: every combination of them)" },
    mode: { type: "string", valueName: "standard|product", description: "standard: all off, each alone, all on; product: every combination" },
    format: { type: "string", valueName: "json|github", description: "json (default) or github: one `matrix=...` line for $GITHUB_OUTPUT" },
  },
  description:
    "Lists flag combinations that respect dependencies. Without --flags: all off, each flag alone\n" +
    "(with its dependencies on) and all on. With --flags: every on/off combination of those flags;\n" +
    "a combination that would turn a flag on while a dependency is off is skipped and reported.\n" +
    "Each combination carries the VICTOR_FEATURE_* variables that select it.\n\n" +
    "GitHub Actions:\n" +
    "  jobs:\n" +
    "    flags:\n" +
    "      runs-on: ubuntu-latest\n" +
    "      outputs:\n" +
    "        matrix: ${{ steps.m.outputs.matrix }}\n" +
    "      steps:\n" +
    "        - uses: actions/checkout@v4\n" +
    "        - id: m\n" +
    "          run: npx victor-flags matrix flags.json --format github >> \"$GITHUB_OUTPUT\"\n" +
    "    test:\n" +
    "      needs: flags\n" +
    "      strategy:\n" +
    "        matrix: ${{ fromJSON(needs.flags.outputs.matrix) }}\n" +
    "      runs-on: ubuntu-latest\n" +
    "      steps:\n" +
    "        - uses: actions/checkout@v4\n" +
    "        - run: printf '%s\\n' ${{ matrix.env }} >> \"$GITHUB_ENV\"\n" +
    "        - run: npm test",
  examples: ["victor-flags matrix flags.json", "victor-flags matrix flags.json --flags dark_mode,new_checkout --format github"],
  run(args, io) {
    const format = stringOption(args, "format") ?? "json";
    if (format !== "json" && format !== "github") throw new UsageError(`--format must be json or github, got "${format}"`);
    const mode = stringOption(args, "mode");
    if (mode !== undefined && mode !== "standard" && mode !== "product") throw new UsageError(`--mode must be standard or product, got "${mode}"`);
    const list = stringOption(args, "flags");
    const flags = list?.split(",").map((f) => f.trim()).filter((f) => f !== "");
    if (list !== undefined && flags!.length === 0) throw new UsageError("--flags needs at least one flag name, e.g. --flags a,b");

    const { document } = loadConfigFile(args.positionals[0]!);
    const matrix = buildFlagMatrix(document, { ...(flags ? { flags } : {}), ...(mode ? { mode: mode as FlagMatrixMode } : {}) });
    if (format === "github") {
      io.out(`matrix=${JSON.stringify(toGithubMatrix(matrix))}`);
      // stdout goes to $GITHUB_OUTPUT; the log still says what was left out.
      for (const s of matrix.skipped) io.err(`skipped ${s.name}: ${s.reason}`);
    } else {
      io.out(JSON.stringify(matrix, null, 2));
    }
    return EXIT_OK;
  },
};
