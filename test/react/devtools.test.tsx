// <FlagDevtools /> in jsdom, on React 17, 18 and 19: shadow root, flag list, override switches
// with the dependency error, variant pickers, audit log, exposure counts and the keyboard.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStorage, type FlagConfig } from "@victor-flags/core";
import { FeatureFlagManager, FeatureGate, FlagProvider, FlagProviderMissingError, useVariant } from "@victor-flags/react";
import { FlagDevtools } from "@victor-flags/react/devtools";
import { renderError } from "./helpers.js";
import { devtoolsPanel, open, row } from "./devtools-helpers.js";

const config: FlagConfig = {
  version: 1,
  flags: {
    base: { default: false, description: "the base feature" },
    child: { default: true, dependencies: ["base"] },
    banner: { default: true },
  },
  experiments: { exp: { variants: ["control", "treatment_a"], weights: [1, 0] } },
};

function App() {
  return (
    <main>
      <FeatureGate flag="banner" fallback={<p>no banner</p>}>
        <p>banner shown</p>
      </FeatureGate>
      <FeatureGate flag="child" fallback={<p>child off</p>}>
        <p>child on</p>
      </FeatureGate>
      <p>{`variant ${useVariant("exp") ?? "none"}`}</p>
    </main>
  );
}

function setup(props: { initialIsOpen?: boolean } = {}) {
  const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: "u1" } });
  const view = render(
    <FlagProvider manager={manager}>
      <App />
      <FlagDevtools {...props} />
    </FlagProvider>,
  );
  const { host, shadow, panel } = devtoolsPanel();
  return { manager, view, host, shadow, panel };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("<FlagDevtools>", () => {
  it("renders in a shadow root on document.body, outside the app's DOM and stylesheets", async () => {
    const { host, shadow, panel, view } = setup();
    await panel().findByRole("button", { name: "Flags" });
    expect(host()!.parentElement).toBe(document.body);
    expect(view.container.querySelector("[data-victor-flags-devtools]")).toBeNull();
    // Queries from the document do not see the panel; its stylesheet lives in the shadow root.
    expect(screen.queryByRole("button", { name: "Flags" })).toBeNull();
    expect(shadow().querySelector("style")!.textContent).toContain(":host { all: initial; }");
    expect(document.head.querySelector("style")?.textContent ?? "").not.toContain(".switch");
  });

  it("lists every flag with its value, source and dependency state", async () => {
    const { panel, manager } = setup();
    await open(panel);
    for (const name of Object.keys(config.flags)) expect(row(panel, name)).toBeTruthy();
    const child = within(row(panel, "child"));
    expect(child.getByText("off")).toBeTruthy();
    expect(child.getByText("dependency: base is off")).toBeTruthy();
    expect(child.getByText("unmet: base")).toBeTruthy();
    expect(within(row(panel, "banner")).getByText("default")).toBeTruthy();
    expect(within(row(panel, "banner")).getByRole("switch", { name: "banner override" }).getAttribute("aria-checked")).toBe("true");
    expect(manager.getAuditLog()).toEqual([]);
  });

  it("flipping a switch changes the gated component and adds an audit entry with source devtools", async () => {
    const { panel, manager } = setup();
    await open(panel);
    expect(screen.getByText("banner shown")).toBeTruthy();
    fireEvent.click(panel().getByRole("switch", { name: "banner override" }));
    expect(screen.getByText("no banner")).toBeTruthy();
    expect(manager.explain("banner")).toMatchObject({ value: false, source: "runtime", overrideSource: "devtools" });
    expect(within(row(panel, "banner")).getByText("runtime (devtools)")).toBeTruthy();

    fireEvent.click(panel().getByRole("tab", { name: "Audit log" }));
    const log = panel().getByRole("table", { name: "Audit log" });
    expect(within(log).getByText("banner")).toBeTruthy();
    expect(within(log).getByText("on → off")).toBeTruthy();
    expect(within(log).getByText("devtools")).toBeTruthy();

    fireEvent.click(panel().getByRole("tab", { name: "Flags" }));
    fireEvent.click(panel().getByRole("button", { name: "Reset banner" }));
    expect(screen.getByText("banner shown")).toBeTruthy();
  });

  it("follows changes made outside the panel: row, override count and audit log; Clear log empties it", async () => {
    const { panel, manager } = setup();
    await open(panel);
    expect(panel().getByText("3 flags · 0 overridden")).toBeTruthy();
    act(() => manager.setFlag("banner", false, { source: "app" }));
    expect(within(row(panel, "banner")).getByText("runtime (app)")).toBeTruthy();
    expect(within(row(panel, "banner")).getByRole("switch", { name: "banner override" }).getAttribute("aria-checked")).toBe("false");
    expect(panel().getByText("3 flags · 1 overridden")).toBeTruthy();

    fireEvent.click(panel().getByRole("tab", { name: "Audit log" }));
    expect(within(panel().getByRole("table", { name: "Audit log" })).getByText("on → off")).toBeTruthy();
    // Clearing changes no value, so only the panel's own refresh can show it.
    fireEvent.click(panel().getByRole("button", { name: "Clear log" }));
    expect(manager.getAuditLog()).toEqual([]);
    expect(within(panel().getByRole("table", { name: "Audit log" })).queryByText("on → off")).toBeNull();
    expect(panel().getByText(/^0 most recent changes/)).toBeTruthy();
  });

  it("filters the flag list by name", async () => {
    const { panel } = setup();
    await open(panel);
    fireEvent.change(panel().getByRole("searchbox", { name: "Filter flags" }), { target: { value: "an" } });
    expect(panel().getAllByText(/./, { selector: "code" }).map((el) => el.textContent)).toEqual(["banner"]);
    fireEvent.change(panel().getByRole("searchbox", { name: "Filter flags" }), { target: { value: "zzz" } });
    expect(panel().getByText("No flag matches the filter.")).toBeTruthy();
  });

  it("shows the dependency error when a switch cannot turn a flag on, and changes nothing", async () => {
    const { panel, manager } = setup();
    await open(panel);
    fireEvent.click(panel().getByRole("switch", { name: "child override" }));
    expect(within(row(panel, "child")).getByRole("alert").textContent).toBe("Cannot enable child: dependencies not satisfied: base");
    expect(manager.isEnabled("child")).toBe(false);
    expect(screen.getByText("child off")).toBeTruthy();

    // Turning the dependency on first works, and clears the error once the row succeeds.
    fireEvent.click(panel().getByRole("switch", { name: "base override" }));
    expect(screen.getByText("child on")).toBeTruthy();
    fireEvent.click(panel().getByRole("switch", { name: "child override" }));
    expect(within(row(panel, "child")).queryByRole("alert")).toBeNull();
    expect(screen.getByText("child off")).toBeTruthy();
  });

  it("picks an experiment variant and resets it to bucketing", async () => {
    const { panel, manager } = setup();
    await open(panel);
    fireEvent.click(panel().getByRole("tab", { name: "Experiments" }));
    const select = panel().getByRole("combobox", { name: "exp" }) as HTMLSelectElement;
    expect(select.value).toBe("control");
    fireEvent.change(select, { target: { value: "treatment_a" } });
    expect(screen.getByText("variant treatment_a")).toBeTruthy();
    expect(manager.explainVariant("exp")).toMatchObject({ source: "runtime", overrideSource: "devtools" });
    fireEvent.click(panel().getByRole("button", { name: "Reset exp" }));
    expect(screen.getByText("variant control")).toBeTruthy();
  });

  it("counts exposures from the first render, including ones after a flip", async () => {
    const { panel } = setup();
    await open(panel);
    fireEvent.click(panel().getByRole("switch", { name: "banner override" }));
    fireEvent.click(panel().getByRole("tab", { name: "Exposures" }));
    const table = panel().getByRole("table", { name: "Exposures" });
    const rows = () => within(table).getAllByRole("row").slice(1).map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent));
    await waitFor(() =>
      expect(rows()).toEqual([
        ["banner flag", "off", "1"],
        ["banner flag", "on", "1"],
        ["child flag", "off", "1"],
        ["exp variant", "control", "1"],
      ]),
    );
  });

  it("is keyboard accessible: focus moves to the tabs on open, arrows switch tabs, Escape closes", async () => {
    const { panel, shadow } = setup();
    const toggle = await panel().findByRole("button", { name: "Flags" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    await waitFor(() => expect(shadow().activeElement).toBe(panel().getByRole("tab", { name: "Flags" })));
    fireEvent.keyDown(shadow().activeElement!, { key: "ArrowRight" });
    expect(panel().getByRole("tab", { name: "Experiments" }).getAttribute("aria-selected")).toBe("true");
    expect(shadow().activeElement).toBe(panel().getByRole("tab", { name: "Experiments" }));
    fireEvent.keyDown(shadow().activeElement!, { key: "End" });
    expect(shadow().activeElement).toBe(panel().getByRole("tab", { name: "Exposures" }));
    fireEvent.keyDown(shadow().activeElement!, { key: "Escape" });
    expect(panel().queryByRole("region")).toBeNull();
    expect(shadow().activeElement).toBe(panel().getByRole("button", { name: "Flags" }));
  });

  it("initialIsOpen shows the panel at once, and unmounting removes the shadow host", async () => {
    const { panel, view } = setup({ initialIsOpen: true });
    expect(await panel().findByRole("region", { name: "victor-flags devtools" })).toBeTruthy();
    expect(panel().getByText("3 flags · 0 overridden")).toBeTruthy();
    act(() => view.unmount());
    expect(document.querySelector("[data-victor-flags-devtools]")).toBeNull();
  });

  it("outside a provider and without a manager prop it names the provider", () => {
    expect(renderError(<FlagDevtools />)).toBeInstanceOf(FlagProviderMissingError);
  });
});
