// `@victor-flags/core/testing`: helpers for unit and end-to-end tests. A separate entry, so an
// app that does not import it bundles none of it.
export { createTestManager, TestFlagManager, TEST_SOURCE } from "./test-manager.js";
export type { TestManagerOptions, TestValues } from "./test-manager.js";
export { qaOverrideScript, qaStorageState, qaOnBeforeLoad, qaOverrideUrl } from "./qa-testing.js";
export type { QaStorageOptions } from "./qa-testing.js";
export { formatQaOverrides, parseQaOverrides, QA_PARAM, QA_STORAGE_KEY } from "./qa-syntax.js";
export type { QaOverrideValues, QaEntry } from "./qa-syntax.js";
