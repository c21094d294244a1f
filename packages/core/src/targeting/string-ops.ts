// flagd's `starts_with` and `ends_with`: exactly two string arguments, else null (as flagd).

/** `starts_with` over evaluated arguments. */
export function startsWith(args: readonly unknown[]): boolean | null {
  const [text, part] = args;
  return args.length === 2 && typeof text === "string" && typeof part === "string" ? text.startsWith(part) : null;
}

/** `ends_with` over evaluated arguments. */
export function endsWith(args: readonly unknown[]): boolean | null {
  const [text, part] = args;
  return args.length === 2 && typeof text === "string" && typeof part === "string" ? text.endsWith(part) : null;
}
