// Structural limits of what the SDK accepts from config documents and QA override text. They exist
// so that a hostile or broken input is a clear error naming its path instead of a stack overflow or
// a main thread blocked for seconds; every figure is far above what a real catalogue uses.
// docs/limits.md lists them with the error each one produces.

/**
 * Deepest nesting of objects and arrays in a config document, the document itself counting as 1
 * (a flag's `metadata` object sits at depth 4). Code that recurses over a validated document may
 * rely on it.
 */
export const MAX_CONFIG_DEPTH = 64;

/**
 * Most objects and arrays inside one value the SDK does not interpret (a flag's `metadata`, an
 * ignored key), counted as a tree: an object reachable by two paths counts twice.
 */
export const MAX_NESTED_VALUES = 100_000;

/** Most flags in one config document (and most entries in its `feature_flags` map). */
export const MAX_FLAGS = 100_000;

/** Most experiments in one config document. */
export const MAX_EXPERIMENTS = 10_000;

/** Longest flag, experiment or variant name, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;

/** Most dependency cycles one validation reports (a document can hold quadratically many). */
export const MAX_REPORTED_CYCLES = 20;

/** Most `name:value` entries read from QA override text (`?vf=` plus the storage key, each). */
export const MAX_QA_ENTRIES = 500;

/** Longest QA override text read (`?vf=` or the storage key), in UTF-16 code units. */
export const MAX_QA_TEXT_LENGTH = 16_384;
