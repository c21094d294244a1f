// `@victor-flags/react/server`: evaluate on the server for one request, hand the result to
// `<ServerFlagProvider>`, hydrate in the browser with the same values — for signed-in and
// anonymous visitors, with and without the anonymous id cookie.
import { act } from "@testing-library/react";
import { createRequire } from "node:module";
import type { ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { FeatureFlagManager, createMemoryStorage, ANONYMOUS_ID_KEY, type FlagConfig } from "@victor-flags/core";
import { useFlag, useVariant } from "@victor-flags/react";
import {
  ANONYMOUS_ID_COOKIE,
  ServerFlagProvider,
  createCookieStorage,
  getServerFlags,
  pickFlagEnv,
  withAnonymousId,
  type ServerFlags,
} from "@victor-flags/react/server";
import { hydrate } from "./ssr-helpers.js";

const config: FlagConfig = {
  version: 1,
  flags: {
    half: { default: false, rollout: { percentage: 50 } },
    env_flag: { default: false },
  },
  experiments: { exp: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.34, 0.33, 0.33] } },
};

type ReactLib = typeof import("@victor-flags/react");
type ServerLib = typeof import("@victor-flags/react/server");

/** One page, from either module copy (server or browser). */
function page(lib: Pick<ReactLib, "useFlag" | "useVariant">) {
  return function Page() {
    return <p>{`half=${lib.useFlag("half")} env=${lib.useFlag("env_flag")} exp=${lib.useVariant("exp")}`}</p>;
  };
}

/** Renders as a server would: fresh module copies loaded without `window` and `document`. */
async function renderOnServer(flags: ServerFlags): Promise<string> {
  vi.resetModules();
  const require = createRequire(import.meta.url);
  for (const key of Object.keys(require.cache)) if (key.includes("use-sync-external-store")) delete require.cache[key];
  vi.stubGlobal("window", undefined);
  vi.stubGlobal("document", undefined);
  try {
    const server = (await import("react-dom/server")) as { renderToString(element: ReactElement): string };
    const lib = (await import("@victor-flags/react")) as ReactLib;
    const serverLib = (await import("@victor-flags/react/server")) as ServerLib;
    const Page = page(lib);
    return server.renderToString(<serverLib.ServerFlagProvider flags={flags}><Page /></serverLib.ServerFlagProvider>);
  } finally {
    vi.unstubAllGlobals();
  }
}

const clearCookie = () => (document.cookie = `${ANONYMOUS_ID_COOKIE}=; Path=/; Max-Age=0`);
let consoleError: MockInstance<typeof console.error>;
let container: HTMLDivElement;
beforeEach(() => {
  clearCookie();
  consoleError = vi.spyOn(console, "error");
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(() => {
  consoleError.mockRestore();
  container.remove();
  clearCookie();
});

/** Server render then hydration of one request; returns both texts and what React reported. */
async function roundTrip(flags: ServerFlags) {
  const html = await renderOnServer(flags);
  container.innerHTML = html;
  const serverText = container.textContent;
  const Page = page({ useFlag, useVariant });
  const { recoverable, unmount } = await hydrate(container, <ServerFlagProvider flags={JSON.parse(JSON.stringify(flags))}><Page /></ServerFlagProvider>);
  const clientText = container.textContent;
  unmount();
  return { serverText, clientText, recoverable };
}

describe("getServerFlags", () => {
  it("buckets an anonymous request on the id in its cookie, and makes one when there is none", () => {
    const cookies = `theme=dark; ${ANONYMOUS_ID_COOKIE}=anon-42`;
    const flags = getServerFlags({ config, cookies });
    expect(flags.anonymousId).toBe("anon-42");
    const reference = new FeatureFlagManager({ config, storage: createMemoryStorage({ [ANONYMOUS_ID_KEY]: "anon-42" }) });
    expect(flags.flags).toEqual(reference.getAllFlags());
    expect(flags.variants).toEqual(reference.getAllVariants());
    // A cookie store such as Next.js's `cookies()` works too.
    expect(getServerFlags({ config, cookies: { get: (name) => (name === ANONYMOUS_ID_COOKIE ? { value: "anon-42" } : undefined) } }).anonymousId).toBe("anon-42");

    const fresh = getServerFlags({ config });
    expect(fresh.anonymousId).toMatch(/^[\w-]{21}$/);
    expect(getServerFlags({ config }).anonymousId).not.toBe(fresh.anonymousId);
  });

  it("uses context.userId as the subject and sends no anonymous id", () => {
    const flags = getServerFlags({ config, context: { userId: "u-7" }, cookies: `${ANONYMOUS_ID_COOKIE}=anon-42` });
    expect(flags.anonymousId).toBeUndefined();
    expect(flags.variants).toEqual(new FeatureFlagManager({ config, context: { userId: "u-7" } }).getAllVariants());
  });

  it("applies the environment's flag overrides and passes on only those variables", () => {
    const env = { VICTOR_FEATURE_ENV_FLAG: "true", DATABASE_PASSWORD: "secret", NEXT_PUBLIC_VICTOR_FEATURE_HALF: "off" };
    const flags = getServerFlags({ config, env });
    expect(flags.flags.env_flag).toBe(true);
    expect(flags.flags.half).toBe(false);
    expect(flags.env).toEqual({ VICTOR_FEATURE_ENV_FLAG: "true", NEXT_PUBLIC_VICTOR_FEATURE_HALF: "off" });
    expect(JSON.stringify(flags)).not.toContain("secret");
    expect(pickFlagEnv({ VITE_VICTOR_FEATURE_X: "1", PATH: "/bin" })).toEqual({ VITE_VICTOR_FEATURE_X: "1" });
  });

  it("answers every flag the manager knows, an env override of an undeclared name included, as getAllFlags does", () => {
    const env = { VICTOR_FEATURE_ENV_FLAG: "false", VICTOR_FEATURE_NOT_DECLARED: "on" };
    const flags = getServerFlags({ config, env, context: { userId: "u-3" } });
    const reference = new FeatureFlagManager({ config, env, context: { userId: "u-3" }, storage: createMemoryStorage() });
    expect(flags.flags.not_declared).toBe(true);
    expect(flags.flags).toEqual(reference.getAllFlags());
    expect(flags.variants).toEqual(reference.getAllVariants());
  });

  it("returns plain objects, which a server component may pass to a client component", () => {
    const flags = getServerFlags({ config, context: { userId: "u-1" } });
    for (const value of [flags, flags.flags, flags.variants, flags.env, flags.context]) expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("rejects an invalid config with the core's ConfigError", () => {
    expect(() => getServerFlags({ config: { version: 2, flags: {} } })).toThrow(/version/);
  });
});

describe("withAnonymousId (middleware helper)", () => {
  it("gives a request without the cookie a new id, forwarded to the app and set on the response", () => {
    const result = withAnonymousId(new Headers({ cookie: "theme=dark" }));
    expect(result.id).toMatch(/^[\w-]{21}$/);
    expect(result.setCookie).toBe(`${ANONYMOUS_ID_COOKIE}=${result.id}; Path=/; Max-Age=31536000; SameSite=Lax`);
    expect(result.headers!.get("cookie")).toBe(`theme=dark; ${ANONYMOUS_ID_COOKIE}=${result.id}`);
    // What the app then evaluates with is that same id.
    expect(getServerFlags({ config, cookies: result.headers!.get("cookie") }).anonymousId).toBe(result.id);
  });

  it("keeps an existing id and sets no cookie", () => {
    const result = withAnonymousId(`${ANONYMOUS_ID_COOKIE}=anon-1`, { secure: true });
    expect(result).toMatchObject({ id: "anon-1", setCookie: undefined, cookieHeader: `${ANONYMOUS_ID_COOKIE}=anon-1` });
    expect(withAnonymousId(null, { secure: true }).setCookie).toMatch(/; Secure$/);
  });
});

describe("createCookieStorage", () => {
  it("reads the anonymous id from the request's cookie header on the server", () => {
    vi.stubGlobal("document", undefined);
    try {
      const storage = createCookieStorage({ cookie: `${ANONYMOUS_ID_COOKIE}=anon-9` });
      expect(new FeatureFlagManager({ config, storage }).getSubject()).toBe("anon-9");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keeps the id in document.cookie in the browser, so the next request carries it", () => {
    const id = new FeatureFlagManager({ config, storage: createCookieStorage() }).getSubject();
    expect(document.cookie).toContain(`${ANONYMOUS_ID_COOKIE}=${id}`);
    expect(new FeatureFlagManager({ config, storage: createCookieStorage() }).getSubject()).toBe(id);
  });
});

describe("<ServerFlagProvider>", () => {
  it("hydrates 20 anonymous visitors without a cookie without a mismatch, then keeps each id in the cookie", async () => {
    const texts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      clearCookie();
      const flags = getServerFlags({ config, env: { VICTOR_FEATURE_ENV_FLAG: "on" } });
      const { serverText, clientText, recoverable } = await roundTrip(flags);
      expect(clientText).toBe(serverText);
      expect(serverText).toContain("env=true");
      expect(recoverable).toEqual([]);
      expect(document.cookie).toContain(`${ANONYMOUS_ID_COOKIE}=${flags.anonymousId}`);
      texts.add(serverText!);
    }
    // The visitors really were bucketed apart (a shared subject would give one text).
    expect(texts.size).toBeGreaterThan(1);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("hydrates a visitor whose browser cookie differs from the server's id with the server's values", async () => {
    document.cookie = `${ANONYMOUS_ID_COOKIE}=stale-id; Path=/`;
    const flags = getServerFlags({ config, cookies: `${ANONYMOUS_ID_COOKIE}=server-id` });
    const { serverText, clientText, recoverable } = await roundTrip(flags);
    expect(clientText).toBe(serverText);
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("hydrates a signed-in user with the server's values", async () => {
    const { serverText, clientText, recoverable } = await roundTrip(getServerFlags({ config, context: { userId: "u-1" } }));
    expect(clientText).toBe(serverText);
    expect(recoverable).toEqual([]);
  });
});
