import { homedir } from "node:os";
import { join } from "node:path";

/** Expands a leading `~/` (or a bare `~`) to the user's home directory, as a shell would. */
export function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homedir(), path.slice(2));
  return path;
}
