// The dev server goes away and comes back: the open page keeps working on the last good config
// and says so, a reload during the outage starts from the cache, and a restart recovers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ExampleApp, FlagsServer, TempCatalogue, attribute, collectConsole, launchChromium, prepareExample, screenshotPath } from "./harness";

let browser: Browser;
let catalogue: TempCatalogue;
let flags: FlagsServer | undefined;
let app: ExampleApp;

beforeAll(async () => {
  browser = await launchChromium();
  await prepareExample();
  catalogue = new TempCatalogue();
  flags = await FlagsServer.start(catalogue.path);
  app = await ExampleApp.start({ flagsUrl: flags.url });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await flags?.stop();
  catalogue?.dispose();
});

describe("Victor console without its flags server", () => {
  it("keeps the last good config with an error status while the server is down, and recovers when it is back", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const logs = collectConsole(page);
    const stream = page.waitForResponse((res) => res.url().endsWith("/flags/stream"), { timeout: 15_000 });
    await page.goto(app.url);
    await page.waitForSelector('[data-testid="status"][data-source="network"]', { timeout: 15_000 });
    await stream;

    // A pushed change makes the last good config differ from the defaults.
    catalogue.edit((doc) => {
      doc.flags.dynamic_skills_enabled!.default = true;
    });
    await page.waitForSelector('[data-testid="gate-skills"][data-branch="new"]', { timeout: 5000 });
    const port = flags!.port;

    await flags!.stop();
    flags = undefined;
    const status = page.getByTestId("status-error");
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toMatch(/REMOTE_FAILED/);
    expect(await attribute(page, '[data-testid="status"]', "data-stale")).toBe("true");
    expect(await attribute(page, '[data-testid="gate-skills"]', "data-branch")).toBe("new");

    // The page still works: a toggle that needs the pushed flag succeeds and re-renders.
    await page.getByTestId("toggle-self_improvement_enabled").click();
    await page.waitForSelector('[data-testid="gate-improvement"][data-branch="new"]', { timeout: 5000 });
    expect(await page.getByTestId("action-error").count()).toBe(0);

    // A reload during the outage starts from the cached last good config and reports the failure.
    await page.reload();
    await page.waitForSelector('[data-testid="status-error"]', { timeout: 15_000 });
    expect(await attribute(page, '[data-testid="status"]', "data-source")).toBe("cache");
    expect(await attribute(page, '[data-testid="gate-skills"]', "data-branch")).toBe("new");
    await page.evaluate(() => window.scrollTo(0, 0)); // a reload restores the scroll position
    const demo = await page.getByTestId("demo").boundingBox();
    await page.screenshot({ path: screenshotPath("victor-console-offline.png", { docs: true }), clip: { x: 0, y: 0, width: 1280, height: demo!.y + 200 } });

    // Back on the same port: the source's retries find it and the error clears.
    flags = await FlagsServer.start(catalogue.path, port);
    await page.waitForSelector('[data-testid="status"][data-source="network"]', { timeout: 40_000 });
    await page.waitForSelector('[data-testid="status-error"]', { state: "detached", timeout: 10_000 });
    expect(await attribute(page, '[data-testid="status"]', "data-stale")).toBe("false");

    // And live updates flow again.
    catalogue.edit((doc) => {
      doc.flags.multimodal_vision_enabled!.default = true;
    });
    await page.waitForSelector('[data-testid="gate-vision"][data-branch="new"]', { timeout: 10_000 });
    expect(logs.filter((line) => line.startsWith("pageerror"))).toEqual([]);
    await context.close();
  });
});
