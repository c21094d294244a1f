// The problem codes of config validation: check-config.ts reports them, config-messages.ts words
// them. They are small numbers so that a build that only asks "valid or not?" (isValidConfig)
// carries neither the messages nor names for them. Each comment gives the values a code carries.

/** (document) the document is not an object */
export const ROOT = 0;
/** (name, "flag" | "experiment" | undefined) a reserved name used as a key */
export const RESERVED = 1;
/** () `version` is missing */
export const VERSION_MISSING = 2;
/** (value) `version` is not 1 */
export const VERSION = 3;
/** () `flags` is missing */
export const FLAGS_MISSING = 4;
/** (value) not an object */
export const OBJECT = 5;
/** (count, limit) more entries than a limit allows */
export const TOO_MANY = 6;
/** (name) a flag name outside the grammar */
export const FLAG_NAME = 7;
/** (length, limit) a name longer than the limit */
export const NAME_LENGTH = 8;
/** () a flag without `default` */
export const DEFAULT_MISSING = 9;
/** (value) not a boolean */
export const BOOLEAN = 10;
/** (key, value) a flag's `name` differs from its key */
export const NAME_MISMATCH = 11;
/** (value) not a string */
export const STRING = 12;
/** (value) not a rollout strategy */
export const STRATEGY = 13;
/** (value) not a semver string */
export const SEMVER = 14;
/** (value) `rollout` is not an object */
export const ROLLOUT = 15;
/** (value) not a percentage */
export const PERCENTAGE = 16;
/** (value) not a non-empty string */
export const NON_EMPTY_STRING = 17;
/** (value) `dependencies` is not an array */
export const DEPENDENCY_LIST = 18;
/** (value) a dependency that is not a string */
export const DEPENDENCY_TYPE = 19;
/** () a flag that depends on itself */
export const SELF_DEPENDENCY = 20;
/** (name) a dependency listed twice */
export const DUPLICATE_DEPENDENCY = 21;
/** (name) a dependency on a flag the document does not declare */
export const UNKNOWN_FLAG = 22;
/** (members, first repeated last) a dependency cycle */
export const CYCLE = 23;
/** (value) an experiment that is not an object */
export const EXPERIMENT = 24;
/** (value) `variants` is not a non-empty array */
export const VARIANTS = 25;
/** (name) a variant listed twice */
export const DUPLICATE_VARIANT = 26;
/** (value) `weights` is not an array */
export const WEIGHTS = 27;
/** (value) a weight that is not a finite number */
export const FINITE = 28;
/** (value) a negative weight */
export const NEGATIVE = 29;
/** (weights, variants) counts that differ */
export const WEIGHT_COUNT = 30;
/** (sum) weights that do not sum to 1 */
export const WEIGHT_SUM = 31;
/** (value) `feature_flags` is not an object */
export const VALUES = 32;
/** (limit) objects and arrays nested deeper than the limit */
export const TOO_DEEP = 33;

/** (limit) more objects and arrays in one free-form value than the limit */
export const TOO_MANY_VALUES = 34;
/** (message) a structural fault of a flagd flag or of the flagd parts of a document, worded by the flagd checks */
export const FLAGD = 35;

/** What is wrong, for an error. */
export type ErrorCode =
  | typeof ROOT | typeof RESERVED | typeof VERSION_MISSING | typeof VERSION | typeof FLAGS_MISSING | typeof OBJECT | typeof TOO_MANY
  | typeof FLAG_NAME | typeof NAME_LENGTH | typeof DEFAULT_MISSING | typeof BOOLEAN | typeof NAME_MISMATCH | typeof STRING
  | typeof STRATEGY | typeof SEMVER | typeof ROLLOUT | typeof PERCENTAGE | typeof NON_EMPTY_STRING | typeof DEPENDENCY_LIST
  | typeof DEPENDENCY_TYPE | typeof SELF_DEPENDENCY | typeof DUPLICATE_DEPENDENCY | typeof UNKNOWN_FLAG | typeof CYCLE
  | typeof EXPERIMENT | typeof VARIANTS | typeof DUPLICATE_VARIANT | typeof WEIGHTS | typeof FINITE | typeof NEGATIVE
  | typeof WEIGHT_COUNT | typeof WEIGHT_SUM | typeof VALUES | typeof TOO_DEEP | typeof TOO_MANY_VALUES | typeof FLAGD;

/** (key) an unknown top-level key, ignored */
export const UNKNOWN_TOP_KEY = 100;
/** (key) an unknown key in a flag, rollout or experiment, ignored */
export const UNKNOWN_KEY = 101;
/** (name) a `feature_flags` value for a flag the document does not declare, ignored */
export const UNDECLARED_VALUE = 102;

/** What is ignored, for a warning. */
export type WarningCode = typeof UNKNOWN_TOP_KEY | typeof UNKNOWN_KEY | typeof UNDECLARED_VALUE;
