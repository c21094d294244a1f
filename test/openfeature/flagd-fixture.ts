// A flagd document of every value type, shared by the providers' flagd tests.
import type { FlagConfig } from "@victor-flags/core";

export const config = {
  version: 1,
  metadata: { team: "web" },
  flags: {
    legacy: { default: true },
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
      metadata: { owner: "copy" },
    },
    "limits.api": { state: "ENABLED", variants: { free: 0, pro: 1000 }, defaultVariant: "free", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "pro", null] } },
    layout: { state: "ENABLED", variants: { grid: { columns: 3 }, list: [] }, defaultVariant: "list", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "grid", null] } },
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "on", null] } },
    retired: { state: "DISABLED", variants: { a: "x" }, defaultVariant: "a" },
    ab: { state: "ENABLED", variants: { a: "A", b: "B" }, defaultVariant: "a", targeting: { fractional: [["a", 50], ["b", 50]] } },
  },
} satisfies FlagConfig;
