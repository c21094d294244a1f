import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { FlagProvider, type FlagConfig } from "@victor-flags/react";
import { SsrPage } from "./SsrPage";

/** Renders the page for one request: a manager per request, built from the config the server fetched. */
export function render({ config, userId }: { config: FlagConfig; userId: string }): { html: string } {
  const html = renderToString(
    <StrictMode>
      <FlagProvider config={config} context={{ userId }}>
        <SsrPage userId={userId} />
      </FlagProvider>
    </StrictMode>,
  );
  return { html };
}
