// A flagd document shared by the typed-value hook tests: a targeted string, a number whose zero is
// a real value, a targeted boolean.
import type { FlagConfig } from "@victor-flags/react";

export const config = {
  metadata: { team: "web" },
  flags: {
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
    },
    "limits.api": { state: "ENABLED", variants: { free: 0, pro: 1000 }, defaultVariant: "free", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "pro", null] } },
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "on", "off"] } },
  },
} satisfies FlagConfig;
