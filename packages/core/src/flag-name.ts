// The one flag-name grammar: config validation, env overrides, profiles, QA overrides and the CLI
// all ask here, so a name one of them accepts is a name every other one accepts. The key →
// VICTOR_FEATURE_ variable mapping is in env-variable-names.ts: only code that a provider loads
// lazily (the manager, validateConfig) uses it, and a module's code lands in its chunk.

import { MAX_NAME_LENGTH } from "./limits.js";
import { isReservedName } from "./safe-record.js";

const GRAMMAR = /^[a-z][a-z0-9_]*$/;
// flagd's keys: kebab-case, camelCase, dotted (`new-checkout.v2`); Victor's snake_case is a subset.
const KEY_GRAMMAR = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** What a flag name looks like, as error messages say it. */
export const FLAG_NAME_RULE = "snake_case (a-z, 0-9, _; starting with a letter)";

/** What a flag key of any kind (flagd's grammar) looks like, as error messages say it. */
export const FLAG_KEY_RULE = 'a letter, then letters, digits, "_", "-" or "."';

/** True when `name` follows the flag-name grammar (ignoring length and reserved names). */
export function matchesFlagNameGrammar(name: string): boolean {
  return GRAMMAR.test(name);
}

/** True when `name` can name a flag: the grammar, at most `MAX_NAME_LENGTH` long, not a reserved name. */
export function isValidFlagName(name: string): boolean {
  // Of the reserved names only these two fit the grammar ("__proto__" starts with "_"); compared
  // directly because validation asks this of every flag and every dependency of a document.
  return name.length <= MAX_NAME_LENGTH && GRAMMAR.test(name) && name !== "constructor" && name !== "prototype";
}

/** True when `key` can be a flag key of any kind: flagd's grammar, at most `MAX_NAME_LENGTH` long, not a reserved name. */
export function isValidFlagKey(key: string): boolean {
  return key.length <= MAX_NAME_LENGTH && KEY_GRAMMAR.test(key) && !isReservedName(key);
}

/** Why `name` cannot name a flag, worded as config validation words it; `undefined` when it can. */
export function flagNameProblem(name: string): string | undefined {
  if (isReservedName(name)) return `reserved name "${name}" is not allowed as a flag name`;
  if (!GRAMMAR.test(name)) return `flag name must be ${FLAG_NAME_RULE}, got "${name}"`;
  if (name.length > MAX_NAME_LENGTH) return `name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`;
  return undefined;
}

/** Why `key` cannot be a flag key of any kind (flagd's grammar); `undefined` when it can. */
export function flagKeyProblem(key: string): string | undefined {
  if (isReservedName(key)) return `reserved name "${key}" is not allowed as a flag name`;
  if (!KEY_GRAMMAR.test(key)) return `flag key must be ${FLAG_KEY_RULE}, got ${JSON.stringify(key)}`;
  if (key.length > MAX_NAME_LENGTH) return `name is ${key.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`;
  return undefined;
}
