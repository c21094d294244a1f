// The console's targeting panel in Chromium, against `npm start`: a flagd flag targeted by country
// and app version, a typed value (the banner text), the rule trace from explain(), and an edit of
// the flagd document on disk reaching the open page over SSE.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ExampleApp, FlagsServer, TempCatalogue, collectConsole, launchChromium, prepareExample, repoRoot } from "./harness";

let browser: Browser;
let catalogue: TempCatalogue;
let flags: FlagsServer;
let app: ExampleApp;
const dir = mkdtempSync(join(tmpdir(), "vf-targeting-"));
const targetingPath = join(dir, "targeting-flags.json");

beforeAll(async () => {
  browser = await launchChromium();
  await prepareExample();
  writeFileSync(targetingPath, readFileSync(join(repoRoot, "examples/targeting-flags.json"), "utf8"));
  catalogue = new TempCatalogue();
  flags = await FlagsServer.start(catalogue.path);
  app = await ExampleApp.start({ flagsUrl: flags.url, extraArgs: ["--targeting-config", targetingPath] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await flags?.stop();
  catalogue?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const banner = (page: Page) => page.locator('[data-testid="banner-text"]');
const beta = (page: Page) => page.locator('[data-testid="beta-tester"]');

describe("targeting panel (flagd)", { timeout: 90_000 }, () => {
  it("targets beta testers by country and app version, shows the typed banner text and the matched rule", async () => {
    const page = await browser.newPage();
    const messages = collectConsole(page);
    await page.goto(app.url);
    // nl on 2.4.0 (the panel's start): a beta tester, and the banner's beta variant
    await expect.poll(() => banner(page).textContent(), { timeout: 15_000 }).toBe("You are testing the new planner. Thank you!");
    await expect.poll(() => beta(page).getAttribute("data-value")).toBe("on");
    expect(await beta(page).textContent()).toContain("TARGETING_MATCH");
    expect(await page.locator('[data-testid="beta-trace"]').textContent()).toContain("flags.beta-tester.targeting.if[1]: condition flags.beta-tester.targeting.if[0] held");

    await page.selectOption('[data-testid="targeting-country"]', "de");
    await expect.poll(() => banner(page).textContent()).toBe("Welcome back to Victor!");
    await expect.poll(() => beta(page).getAttribute("data-value")).toBe("off");
    expect(await beta(page).textContent()).toContain("DEFAULT");

    await page.selectOption('[data-testid="targeting-country"]', "nl");
    await page.fill('[data-testid="targeting-version"]', "2.2.0");
    await expect.poll(() => banner(page).textContent()).toBe("Welkom terug bij Victor!");
    expect(await beta(page).getAttribute("data-value")).toBe("off");
    expect(messages.filter((m) => m.startsWith("error") || m.startsWith("pageerror"))).toEqual([]);
    await page.close();
  });

  it("an edit of the flagd document on disk reaches the open page", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.fill('[data-testid="targeting-version"]', "2.2.0");
    await expect.poll(() => banner(page).textContent(), { timeout: 15_000 }).toBe("Welkom terug bij Victor!");
    const doc = JSON.parse(readFileSync(targetingPath, "utf8"));
    doc.flags["banner-text"].variants.nl = "Goedemiddag!";
    // and the beta-tester rule now takes 2.2.0 too (the banner's own beta branch still needs 2.3.0)
    doc.flags["beta-tester"].targeting.if[0].and[1].sem_ver[2] = "2.2.0";
    writeFileSync(targetingPath, JSON.stringify(doc, null, 2));
    await expect.poll(() => beta(page).getAttribute("data-value"), { timeout: 10_000 }).toBe("on");
    await expect.poll(() => banner(page).textContent()).toBe("Goedemiddag!");
    await page.close();
  });
});
