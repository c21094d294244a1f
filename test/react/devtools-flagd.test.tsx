// <FlagDevtools /> with flagd flags: values of every JSON type with variant and reason, the
// variant picker, and rows that follow typed values moving outside the panel.
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryStorage, type FlagConfig } from "@victor-flags/core";
import { installFlagdTargeting } from "@victor-flags/core/targeting";
import { FeatureFlagManager, FeatureGate, FlagProvider } from "@victor-flags/react";
import { FlagDevtools } from "@victor-flags/react/devtools";
import { useFlagValue } from "@victor-flags/react/targeting";
import { devtoolsPanel, open, row } from "./devtools-helpers.js";

installFlagdTargeting();

const layout = { columns: 3, sidebar: { position: "left", width: 240 }, widgets: ["news", "weather", "stocks"] };
const config = {
  version: 1,
  flags: {
    legacy: { default: true },
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
    },
    "limits.api": { state: "ENABLED", variants: { free: 0, pro: 1000 }, defaultVariant: "free" },
    layout: { state: "ENABLED", variants: { wide: layout, plain: {} }, defaultVariant: "wide" },
    retired: { state: "DISABLED", variants: { a: "x" }, defaultVariant: "a" },
  },
} satisfies FlagConfig;

function App() {
  return (
    <main>
      <FeatureGate flag="new-checkout" fallback={<p>old checkout</p>}>
        <p>new checkout</p>
      </FeatureGate>
      <p>{`banner ${useFlagValue("banner-text", "?")}`}</p>
    </main>
  );
}

function setup() {
  const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: "u1", country: "nl" } });
  render(
    <FlagProvider manager={manager}>
      <App />
      <FlagDevtools />
    </FlagProvider>,
  );
  return { manager, ...devtoolsPanel() };
}

const cells = (tr: HTMLTableRowElement) => [...tr.cells].slice(1, 3).map((td) => td.textContent);

afterEach(() => {
  document.body.innerHTML = "";
});

describe("<FlagDevtools> with flagd flags", () => {
  it("shows each flagd flag's value as JSON (shortened, whole on hover), its reason and variant", async () => {
    const { panel } = setup();
    await open(panel);
    expect(cells(row(panel, "banner-text"))).toEqual(['"Welkom terug!"', "TARGETING_MATCH · nl"]);
    expect(cells(row(panel, "limits.api"))).toEqual(["0", "STATIC · free"]);
    expect(cells(row(panel, "new-checkout"))).toEqual(["off", "STATIC · off"]);
    expect(cells(row(panel, "retired"))).toEqual(["fallback", "DISABLED"]);
    expect(cells(row(panel, "legacy"))).toEqual(["on", "default"]);
    const layoutCell = row(panel, "layout").cells[1]!;
    expect(layoutCell.textContent).toHaveLength(40);
    expect(layoutCell.textContent!.endsWith("…")).toBe(true);
    expect(JSON.parse(layoutCell.getAttribute("title")!)).toEqual(layout);
    // Victor flags keep their switch; flagd flags get a variant picker.
    expect(within(row(panel, "legacy")).getByRole("switch", { name: "legacy override" })).toBeTruthy();
    const picker = within(row(panel, "banner-text")).getByRole("combobox", { name: "banner-text override" }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(["rules", 'nl: "Welkom terug!"', 'en: "Welcome back!"']);
    expect(picker.value).toBe("");
  });

  it("follows typed values that move outside the panel (a context change)", async () => {
    const { panel, manager } = setup();
    await open(panel);
    act(() => manager.setContext({ userId: "u1", country: "de" }));
    expect(cells(row(panel, "banner-text"))).toEqual(['"Welcome back!"', "DEFAULT · en"]);
    expect(screen.getByText("banner Welcome back!")).toBeTruthy();
  });

  it("picking a boolean flag's variant overrides it (gate, audit, source); 'rules' drops the override", async () => {
    const { panel, manager } = setup();
    await open(panel);
    expect(screen.getByText("old checkout")).toBeTruthy();
    const picker = () => within(row(panel, "new-checkout")).getByRole("combobox", { name: "new-checkout override" }) as HTMLSelectElement;
    fireEvent.change(picker(), { target: { value: "on" } });
    expect(screen.getByText("new checkout")).toBeTruthy();
    expect(picker().value).toBe("on");
    expect(cells(row(panel, "new-checkout"))).toEqual(["on", "runtime (devtools)"]);
    expect(manager.getAuditLog("new-checkout")[0]).toMatchObject({ oldValue: false, newValue: true, source: "devtools" });
    expect(panel().getByText("6 flags · 1 overridden")).toBeTruthy();
    fireEvent.change(picker(), { target: { value: "" } });
    expect(screen.getByText("old checkout")).toBeTruthy();
    expect(picker().value).toBe("");
  });

  it("picking a variant of a typed flag calls setFlag with the variant's name", async () => {
    const { panel, manager } = setup();
    await open(panel);
    const setFlag = vi.spyOn(manager, "setFlag");
    fireEvent.change(within(row(panel, "banner-text")).getByRole("combobox", { name: "banner-text override" }), { target: { value: "en" } });
    expect(setFlag).toHaveBeenCalledWith("banner-text", "en", { source: "devtools" });
  });

  it("a picked variant of a typed flag reaches the app, the row and the audit log", async () => {
    const { panel, manager } = setup();
    await open(panel);
    const picker = () => within(row(panel, "banner-text")).getByRole("combobox", { name: "banner-text override" }) as HTMLSelectElement;
    fireEvent.change(picker(), { target: { value: "en" } });
    expect(screen.getByText("banner Welcome back!")).toBeTruthy();
    expect(picker().value).toBe("en");
    expect(cells(row(panel, "banner-text"))).toEqual(['"Welcome back!"', "runtime (devtools)"]);
    expect(manager.getAuditLog("banner-text")[0]).toMatchObject({ oldValue: "Welkom terug!", newValue: "Welcome back!", newVariant: "en", source: "devtools" });
    fireEvent.change(picker(), { target: { value: "" } });
    expect(screen.getByText("banner Welkom terug!")).toBeTruthy();
  });
});
