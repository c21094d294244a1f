import { useEffect, useState, type ReactElement, type ReactNode } from "react";
import { ANONYMOUS_ID_KEY } from "@victor-flags/core";
import { FlagProvider } from "./flag-provider.js";
import { createCookieStorage } from "./cookie-storage.js";
import type { ServerFlags } from "./server-flags.js";

/** Props of `<ServerFlagProvider>`. */
export interface ServerFlagProviderProps {
  /** What `getServerFlags` returned for this request. */
  flags: ServerFlags;
  children?: ReactNode;
}

/**
 * A client component that takes what the server evaluated (`getServerFlags`) and provides it,
 * so a server component can render it and the browser hydrates the same values: same config,
 * context, env overrides and subject (the anonymous id travels in a cookie).
 */
export function ServerFlagProvider({ flags, children }: ServerFlagProviderProps): ReactElement {
  // The server's id wins over the cookie, so the browser renders what the server rendered.
  const [storage] = useState(() => createCookieStorage(flags.anonymousId !== undefined ? { anonymousId: flags.anonymousId } : {}));
  useEffect(() => {
    // A request without the cookie (no middleware) got a fresh id: keep it for the next request.
    if (flags.anonymousId !== undefined) storage.setItem(ANONYMOUS_ID_KEY, flags.anonymousId);
  }, [flags.anonymousId, storage]);
  return (
    <FlagProvider config={flags.config} context={flags.context} env={flags.env} storage={storage}>
      {children}
    </FlagProvider>
  );
}
