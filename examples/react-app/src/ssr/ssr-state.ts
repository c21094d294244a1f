import type { FlagConfig } from "@victor-flags/react";

/** What the server puts in the page for the browser to hydrate from. */
export interface SsrState {
  /** The config document the server rendered with. */
  config: FlagConfig;
  /** The user the page was rendered for (a cookie, so every request of this browser gets the same). */
  userId: string;
  /** Where the browser keeps the config current afterwards. */
  flagsUrl: string;
}

declare global {
  interface Window {
    __VICTOR_SSR__?: SsrState;
  }
}
