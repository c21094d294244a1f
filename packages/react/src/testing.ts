// `@victor-flags/react/testing`: a provider and manager for tests. A separate entry, so an app
// that does not import it bundles none of it.
export { TestFlagProvider } from "./test-flag-provider.js";
export type { TestFlagProviderProps } from "./test-flag-provider.js";
export {
  createTestManager,
  TestFlagManager,
  TEST_SOURCE,
  qaOverrideScript,
  qaStorageState,
  qaOnBeforeLoad,
  qaOverrideUrl,
  formatQaOverrides,
  QA_PARAM,
  QA_STORAGE_KEY,
} from "@victor-flags/core/testing";
export type { TestManagerOptions, TestValues, QaOverrideValues, QaStorageOptions } from "@victor-flags/core/testing";
