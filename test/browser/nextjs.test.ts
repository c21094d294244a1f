// The Next.js example in Chromium: App Router and Pages Router pages, each for 20 signed-in users
// (user cookie) and 20 anonymous first-time visitors (no cookie at all), hydrate with no React
// error and no text that changes after hydration; the Route Handler agrees with the pages; an
// env override set on the server reaches the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { collectConsole, launchChromium } from "./harness";
import { NextApp, buildNextExample } from "./nextjs-app";

const USERS = 20;
// Any console error or uncaught exception counts, not only React's hydration messages.
const trouble = (line: string) => line.startsWith("error:") || line.startsWith("pageerror") || /hydrat|did not match|mismatch|Minified React error/i.test(line);
const TIMEOUT = 300_000;

let browser: Browser;
const timings: number[] = [];
let app: NextApp;

beforeAll(async () => {
  buildNextExample();
  // Read at request time on the server and handed to the browser through getServerFlags.
  app = await NextApp.start({ VICTOR_FEATURE_MULTIMODAL_AUDIO_ENABLED: "true", NEXT_PUBLIC_VICTOR_FEATURE_DYNAMIC_PERSONAS_ENABLED: "on" });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  if (timings.length) console.log(`next.js visits: ${timings.length}, median ${timings.sort((a, b) => a - b)[timings.length >> 1]} ms`);
  await browser?.close();
  await app?.stop();
});

/** Runs `task(0..count-1)`, a few at a time: visitors are independent, and Chromium and the server overlap work. */
async function inParallel(count: number, task: (i: number) => Promise<void>, width = 4): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Every `data-testid` element's text in an HTML string (the server's response). */
function serverTexts(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-testid="([\w-]+)"[^>]*>([^<]+)</g)) out[m[1]!] = m[2]!;
  return out;
}

interface Visit {
  server: Record<string, string>;
  client: Record<string, string>;
  mutations: string[];
  trouble: string[];
}

/** One page load in a fresh browser profile: the server's texts, the hydrated texts, what changed. */
async function visit(context: BrowserContext, path: string): Promise<Visit> {
  const page = await context.newPage();
  const logs = collectConsole(page);
  // Records every text change inside <main> from the first parse on: hydration that matches changes none.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __textChanges: string[] }).__textChanges = seen;
    document.addEventListener("DOMContentLoaded", () => {
      const main = document.querySelector("main");
      if (!main) return;
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === "characterData") seen.push(`text: ${r.oldValue} -> ${r.target.textContent}`);
          if (r.type === "childList") seen.push(`nodes: -${r.removedNodes.length} +${r.addedNodes.length} in ${(r.target as Element).getAttribute?.("data-testid") ?? r.target.nodeName}`);
        }
      }).observe(main, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
    });
  });
  const started = Date.now();
  const response = await page.goto(app.url + path, { waitUntil: "commit" });
  expect(response?.status()).toBe(200);
  const server = serverTexts(await response!.text());
  await page.waitForSelector('[data-testid="flags"][data-hydrated="true"]', { timeout: 15_000 });
  // Past any effect or re-render that would follow hydration.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  const client = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll("[data-testid]")].filter((e) => e.children.length === 0).map((e) => [e.getAttribute("data-testid"), e.textContent])));
  const mutations = await page.evaluate(() => (window as unknown as { __textChanges: string[] }).__textChanges);
  await page.close();
  timings.push(Date.now() - started);
  return { server, client: client as Record<string, string>, mutations, trouble: logs.filter(trouble) };
}

describe.each([
  ["App Router", "/"],
  ["Pages Router", "/pages-router"],
])("Next.js %s", (_router, path) => {
  it(`hydrates ${USERS} signed-in users (user cookie) with the server's values and no text change`, async () => {
    const layouts = new Set<string>();
    await inParallel(USERS, async (i) => {
      const context = await browser.newContext();
      await context.addCookies([{ name: "user", value: `user-${i}`, url: app.url }]);
      const { server, client, mutations, trouble } = await visit(context, path);
      expect(server["subject"]).toBe(`user user-${i}`);
      expect(Object.keys(server).filter((k) => k.startsWith("flag-"))).toHaveLength(9);
      expect(client).toMatchObject(server);
      expect(mutations).toEqual([]);
      expect(trouble).toEqual([]);
      layouts.add(server["variant"]!);
      await context.close();
    });
    // 20 users over a three-way experiment: they really were bucketed apart.
    expect(layouts.size).toBeGreaterThan(1);
  }, TIMEOUT);

  it(`hydrates ${USERS} anonymous first visits (no cookie) with the server's values, and keeps each visitor's bucket`, async () => {
    const variants = new Set<string>();
    await inParallel(USERS, async () => {
      const context = await browser.newContext();
      const first = await visit(context, path);
      expect(first.server["subject"]).toBe("anonymous visitor");
      expect(first.client).toMatchObject(first.server);
      expect(first.mutations).toEqual([]);
      expect(first.trouble).toEqual([]);
      // The env overrides set on the server apply in the browser too.
      expect(first.client["flag-multimodal_audio_enabled"]).toBe("multimodal_audio_enabled: on");
      expect(first.client["flag-dynamic_personas_enabled"]).toBe("dynamic_personas_enabled: on");
      const cookies = await context.cookies(app.url);
      const id = cookies.find((c) => c.name === "vf_anonymous_id")?.value;
      expect(id).toMatch(/^[\w-]{21}$/);
      // The next request carries the cookie: same subject, same values; the route handler agrees.
      const second = await visit(context, path);
      expect(second.server).toEqual(first.server);
      expect(second.client).toMatchObject(second.server);
      expect([...second.mutations, ...second.trouble]).toEqual([]);
      const api = await context.request.get(app.url + "/api/flags");
      const json = (await api.json()) as { subject: string; variants: Record<string, string> };
      expect(json.subject).toBe(id);
      expect(`experiment_1: ${json.variants["experiment_1"]}`).toBe(first.server["variant"]);
      variants.add(first.server["variant"]!);
      await context.close();
    });
    expect(variants.size).toBeGreaterThan(1);
  }, TIMEOUT);
});

describe("Next.js Route Handler", () => {
  it("answers a first request with flags for a new anonymous id and sets its cookie", async () => {
    const res = await fetch(app.url + "/api/flags");
    const setCookie = res.headers.get("set-cookie") ?? "";
    const json = (await res.json()) as { subject: string; flags: Record<string, boolean> };
    expect(setCookie).toContain(`vf_anonymous_id=${json.subject}`);
    expect(json.flags["multimodal_audio_enabled"]).toBe(true);
    expect(app.log()).not.toMatch(/⨯|Error:/);
  });
});
