// `@victor-flags/core/qa`: a separate entry, so an app that does not import it bundles none of it.
export { applyQaOverrides } from "./qa-overrides.js";
export type { QaOverrideOptions, QaOverrideReport, QaOverrideProblem, QaProblemReason, AppliedQaOverride, QaOrigin } from "./qa-overrides.js";
export { parseQaOverrides, formatQaOverrides, QA_PARAM, QA_STORAGE_KEY } from "./qa-syntax.js";
export type { QaEntry, QaOverrideValues } from "./qa-syntax.js";
