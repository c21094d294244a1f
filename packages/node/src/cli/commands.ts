import type { CliCommand } from "./command.js";
import { codegenCommand } from "./codegen.js";
import { explainCommand } from "./explain.js";
import { matrixCommand } from "./matrix.js";
import { serveCommand } from "./serve.js";
import { validateCommand } from "./validate.js";

/** Every `victor-flags` command, in the order `--help` lists them. A new command is one line here. */
export const commands: readonly CliCommand[] = [validateCommand, explainCommand, matrixCommand, serveCommand, codegenCommand];
