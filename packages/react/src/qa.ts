// `@victor-flags/react/qa`: QA overrides rendered inside a provider. A separate entry, so an app
// that does not import it bundles none of it.
export { QaOverrides } from "./apply-qa-overrides.js";
export type { QaOverridesComponentProps, QaOverridesProp } from "./apply-qa-overrides.js";
export { applyQaOverrides, parseQaOverrides, formatQaOverrides, QA_PARAM, QA_STORAGE_KEY } from "@victor-flags/core/qa";
export type { QaOverrideOptions, QaOverrideReport } from "@victor-flags/core/qa";
