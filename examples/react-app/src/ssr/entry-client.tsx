import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { FlagProvider } from "@victor-flags/react";
import { SsrPage } from "./SsrPage";
import type { SsrState } from "./ssr-state";

const state: SsrState | undefined = window.__VICTOR_SSR__;
if (!state) throw new Error("window.__VICTOR_SSR__ is missing: open this page through the app server (/ssr)");

hydrateRoot(
  document.getElementById("root")!,
  <StrictMode>
    {/* The bootstrap is the very document the server rendered with: the first client render matches the HTML. */}
    <FlagProvider url={state.flagsUrl} remote={{ bootstrap: state.config, streaming: true }} context={{ userId: state.userId }}>
      <SsrPage userId={state.userId} />
    </FlagProvider>
  </StrictMode>,
  {
    onRecoverableError(error) {
      // A hydration mismatch lands here; say it loudly so the browser test sees it.
      console.error(`hydration error: ${error instanceof Error ? error.message : String(error)}`);
    },
  },
);
