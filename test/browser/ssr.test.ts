// The server-rendered example: `npm start` renders /ssr with renderToString and the flags' state,
// and the browser hydrates it without a mismatch, then stays live over SSE.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ExampleApp, TempCatalogue, collectConsole, launchChromium, prepareExample, screenshotPath } from "./harness";

let browser: Browser;
let catalogue: TempCatalogue;
let app: ExampleApp;

const hydrationTrouble = /hydrat|did not match|mismatch|Minified React error #4(18|19|20|21|22|23|25)/i;

beforeAll(async () => {
  browser = await launchChromium();
  await prepareExample();
  catalogue = new TempCatalogue((doc) => {
    doc.feature_flags = { multimodal_vision_enabled: true };
  });
  // Without --flags-url: `npm start` runs its own `victor-flags serve` on the given config.
  app = await ExampleApp.start({ configPath: catalogue.path });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  catalogue?.dispose();
});

const flagValues = (html: string) => [...html.matchAll(/data-testid="ssr-flag-(\w+)" data-value="(true|false)"/g)].map((m) => `${m[1]}=${m[2]}`);

describe("server rendering example", () => {
  it("hydrates the server HTML without a mismatch and keeps it live", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    const logs = collectConsole(page);
    const response = await page.goto(`${app.url}ssr`);
    const serverHtml = (await response!.text()) ?? "";

    // The server really rendered the page, with the served config applied for this user.
    expect(serverHtml).toContain('data-testid="ssr-page"');
    expect(serverHtml).toContain('data-hydrated="false"');
    expect(flagValues(serverHtml)).toContain("multimodal_vision_enabled=true");
    expect(flagValues(serverHtml)).toHaveLength(9);

    await page.waitForSelector('[data-testid="ssr-page"][data-hydrated="true"]', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="status"][data-source="network"]', { timeout: 15_000 });
    const clientHtml = await page.content();
    expect(flagValues(clientHtml)).toEqual(flagValues(serverHtml));
    expect(logs.filter((line) => hydrationTrouble.test(line) || line.startsWith("pageerror"))).toEqual([]);
    await page.screenshot({ path: screenshotPath("ssr-example.png") });

    // The same cookie gives the same user on the next request.
    const user = await page.getByTestId("ssr-user").textContent();
    await page.reload();
    await page.waitForSelector('[data-testid="ssr-page"][data-hydrated="true"]');
    expect(await page.getByTestId("ssr-user").textContent()).toBe(user);

    // After hydration the page follows the file on disk.
    const stream = page.waitForResponse((res) => res.url().endsWith("/flags/stream"), { timeout: 15_000 });
    await page.reload();
    await stream;
    catalogue.edit((doc) => {
      doc.flags.dynamic_skills_enabled!.default = true;
    });
    await page.waitForSelector('[data-testid="ssr-flag-dynamic_skills_enabled"][data-value="true"]', { timeout: 5000 });
    expect(logs.filter((line) => hydrationTrouble.test(line) || line.startsWith("pageerror"))).toEqual([]);
    await context.close();
  });

  it("would report a mismatch: a client state that differs from the server HTML is caught", async () => {
    // Control for the test above: tamper with the state the browser hydrates from.
    const context = await browser.newContext();
    const page = await context.newPage();
    const logs = collectConsole(page);
    let tampered = false;
    await page.route(/\/ssr$/, async (route) => {
      const res = await route.fetch();
      const original = await res.text();
      const html = original.replace('"feature_flags":{"multimodal_vision_enabled":true}', '"feature_flags":{"multimodal_vision_enabled":false}');
      tampered = html !== original;
      await route.fulfill({ response: res, body: html });
    });
    await page.goto(`${app.url}ssr`);
    expect(tampered).toBe(true);
    await expect.poll(() => logs.filter((line) => hydrationTrouble.test(line)), { timeout: 10_000 }).toEqual([expect.stringMatching(/^error: hydration error: /)]);
    await context.close();
  });

  it("stops the app server and the dev server it started on Ctrl-C", async () => {
    const flagsUrl = app.flagsUrl;
    expect((await fetch(flagsUrl)).status).toBe(200);
    app.interrupt();
    expect(await app.exited).toBe(0);
    await expect(fetch(app.url)).rejects.toThrow();
    await expect(fetch(flagsUrl)).rejects.toThrow();
  });
});
