import { fireEvent, within } from "@testing-library/react";

type Panel = () => ReturnType<typeof within>;

/** Queries inside the devtools' shadow root (`panel()` re-reads it, as the panel re-renders). */
export function devtoolsPanel() {
  const host = () => document.querySelector("[data-victor-flags-devtools]");
  const shadow = () => host()!.shadowRoot!;
  const panel = () => within(shadow() as unknown as HTMLElement);
  return { host, shadow, panel };
}

/** Opens the panel with its toggle button once the lazy chunk has loaded. */
export async function open(panel: Panel) {
  const toggle = await panel().findByRole("button", { name: "Flags" });
  fireEvent.click(toggle);
  return panel().getByRole("region", { name: "victor-flags devtools" });
}

/** The Flags tab's row of one flag. */
export const row = (panel: Panel, name: string) => panel().getByText(name, { selector: "code" }).closest("tr")!;
