// Entry of the flagd targeting engine. Nothing in the core imports it unless a config holds
// flagd flags, so apps without them bundle none of it.

export { compileFlagdDocument, envNameCollisions, envVariableName, explainFlagd, resolveFlagd, valueTypeOf } from "./flagd-document.js";
export type { CompiledFlagdDocument, FlagdCompileOptions, FlagdValueType } from "./flagd-document.js";
export { compileFlagdFlag } from "./flagd-flag.js";
export type { CompiledFlagdFlag, FlagCompileOptions, FlagdExplanation } from "./flagd-flag.js";
export { isFlagdFlag } from "./flagd-validate.js";
export type {
  FlagdContext,
  FlagdDetails,
  FlagdDocument,
  FlagdErrorCode,
  FlagdFlagDefinition,
  FlagdMetadata,
  FlagdProblem,
  FlagdReason,
  FlagdResolution,
} from "./flagd-types.js";
