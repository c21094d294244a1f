// `@victor-flags/core/internal`: what @victor-flags/react builds on and apps do not call. It is
// an entry of its own only so that the React package can reach it; it is not part of the public
// API (SPEC §4, README), and its names may change in any release.

export { createStoreCore, completeStore } from "./flag-store.js";
export type { FlagStoreCore } from "./flag-store.js";
