// QA overrides and the devtools panel in Chromium, on the example app (`npm start`), which
// renders <FlagProvider qaOverrides> and <FlagDevtools />.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Route } from "playwright-core";
import { qaOverrideScript, qaOverrideUrl } from "@victor-flags/core/testing";
import { ExampleApp, FlagsServer, TempCatalogue, collectConsole, launchChromium, screenshotPath } from "./harness";

let browser: Browser;
let catalogue: TempCatalogue;
let flags: FlagsServer;
let app: ExampleApp;

beforeAll(async () => {
  catalogue = new TempCatalogue();
  flags = await FlagsServer.start(catalogue.path);
  app = await ExampleApp.start({ flagsUrl: flags.url });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await flags?.stop();
  catalogue?.dispose();
});

/** Records every branch a gated tile shows, from before the app's first render. */
const recordBranches = (testIds: string[]) => `
  window.__branches = {};
  new MutationObserver(() => {
    for (const id of ${JSON.stringify(testIds)}) {
      const el = document.querySelector('[data-testid="' + id + '"]');
      const branch = el && el.getAttribute("data-branch");
      const seen = (window.__branches[id] ??= []);
      if (branch && seen[seen.length - 1] !== branch) seen.push(branch);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;
const branches = (page: Page) => page.evaluate(() => (window as unknown as { __branches: Record<string, string[]> }).__branches);
const waitForNetwork = (page: Page) => page.waitForSelector('[data-testid="status"][data-source="network"]', { timeout: 15_000 });

/** Holds every config request until `release()`, so what the page shows cannot come from the network. */
async function holdConfig(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pattern = /\/flags(\/stream)?(\?.*)?$/;
  const handler = async (route: Route) => {
    await released;
    await route.continue().catch(() => undefined);
  };
  await page.route(pattern, handler);
  return async () => {
    release();
    await page.unroute(pattern, handler);
  };
}

describe("QA overrides and devtools in the example app", () => {
  it("?vf= forces flags (any order) and a variant on the first paint, with source qa", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const logs = collectConsole(page);
    // A visit without ?vf= leaves the last good config in the cache, as for any returning visitor.
    await page.goto(app.url);
    await waitForNetwork(page);
    expect(await page.getByTestId("gate-improvement").getAttribute("data-branch")).toBe("old");

    await page.addInitScript(recordBranches(["gate-skills", "gate-improvement", "experiment-planner"]));
    const release = await holdConfig(page);
    // The dependent is listed before its dependency: QA overrides apply in dependency order.
    await page.goto(`${app.url}?vf=self_improvement_enabled:on,dynamic_skills_enabled:on,experiment_1:treatment_b`);
    await page.waitForSelector('[data-testid="gate-improvement"]');
    expect(await page.getByTestId("status").getAttribute("data-source")).toBe("cache");
    expect(await branches(page)).toEqual({ "gate-skills": ["new"], "gate-improvement": ["new"], "experiment-planner": ["new"] });
    expect(await page.getByTestId("variant").textContent()).toBe("treatment_b");
    await release();
    await waitForNetwork(page);
    expect((await branches(page))["gate-improvement"]).toEqual(["new"]);

    const audit = page.getByTestId("audit-entry");
    await expect.poll(() => audit.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/self_improvement_enabled.*false → true.*qa/), expect.stringMatching(/experiment_1.*→ treatment_b.*qa/)]),
    );
    expect(await page.getByTestId("flag-self_improvement_enabled").getAttribute("data-source")).toBe("runtime");
    expect(logs.filter((line) => line.startsWith("pageerror"))).toEqual([]);
    await context.close();
  });

  it("a refused override is reported in the console, and the Playwright init script sets overrides before load", async () => {
    const context = await browser.newContext();
    await context.addInitScript(qaOverrideScript({ flags: { multimodal_vision_enabled: true } }));
    const page = await context.newPage();
    const logs = collectConsole(page);
    await page.goto(qaOverrideUrl(app.url, { flags: { self_improvement_enabled: true } }));
    await waitForNetwork(page);
    await expect.poll(() => page.getByTestId("gate-vision").getAttribute("data-branch")).toBe("new");
    expect(await page.getByTestId("gate-improvement").getAttribute("data-branch")).toBe("old");
    await expect
      .poll(() => logs.join("\n"))
      .toContain('QA override "self_improvement_enabled:on" (from url) not applied: Cannot enable self_improvement_enabled: dependencies not satisfied: dynamic_skills_enabled');
    await context.close();
  });

  it("the devtools panel flips a flag: the gated component and the audit log change", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const logs = collectConsole(page);
    await page.goto(app.url);
    await waitForNetwork(page);
    const vision = page.getByTestId("gate-vision");
    expect(await vision.getAttribute("data-branch")).toBe("old");

    // The panel lives in a shadow root on <body>; Playwright's locators pierce open shadow roots.
    const host = page.locator("[data-victor-flags-devtools]");
    const toggle = host.getByRole("button", { name: "Flags", exact: true });
    await toggle.click();
    const panel = host.getByRole("region", { name: "victor-flags devtools" });
    await panel.waitFor();
    // The app's styles do not reach the panel: it keeps its own font, and the host is isolated.
    expect(await toggle.evaluate((el) => getComputedStyle(el).fontFamily)).toContain("system-ui");
    expect(await page.evaluate(() => document.querySelectorAll("[role=switch][aria-label$=' override']").length)).toBe(0);

    const row = (name: string) => panel.locator(`tr[data-flag="${name}"]`);
    expect(await row("multimodal_vision_enabled").locator("td").nth(1).textContent()).toBe("off");
    await panel.getByRole("switch", { name: "multimodal_vision_enabled override" }).click();
    await expect.poll(() => vision.getAttribute("data-branch")).toBe("new");
    expect(await row("multimodal_vision_enabled").locator("td").nth(2).textContent()).toBe("runtime (devtools)");

    // The dependency error shows on the row, and nothing changes.
    await panel.getByRole("switch", { name: "self_improvement_enabled override" }).click();
    expect(await row("self_improvement_enabled").getByRole("alert").textContent()).toBe(
      "Cannot enable self_improvement_enabled: dependencies not satisfied: dynamic_skills_enabled",
    );
    expect(await page.getByTestId("gate-improvement").getAttribute("data-branch")).toBe("old");
    await page.screenshot({ path: screenshotPath("devtools-flags.png", { docs: true }) });

    // Both audit logs (the panel's and the app's own) show the change with source devtools.
    await panel.getByRole("tab", { name: "Audit log" }).click();
    const log = panel.getByRole("table", { name: "Audit log" });
    expect(await log.locator("tbody tr").first().textContent()).toMatch(/multimodal_vision_enabledoff → ondevtools$/);
    await expect.poll(() => page.getByTestId("audit-entry").first().textContent()).toMatch(/multimodal_vision_enabled.*false → true.*devtools/);
    await page.screenshot({ path: screenshotPath("devtools-audit.png", { docs: true }) });

    // Keyboard: Escape closes the panel and gives focus back to its button.
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await toggle.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(logs.filter((line) => line.startsWith("pageerror"))).toEqual([]);
    await context.close();
  });
});
