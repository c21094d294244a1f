import { version as reactVersion } from "react";
import { version as domVersion } from "react-dom";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { REACT_MAJOR } from "./helpers.js";

describe("the React suite runs on the React major its project names", () => {
  it("imports and CommonJS requires both see one React of that major", () => {
    expect(reactVersion.split(".")[0]).toBe(String(REACT_MAJOR));
    expect(domVersion.split(".")[0]).toBe(String(REACT_MAJOR));
    // What CommonJS packages such as the use-sync-external-store shim and RTL load.
    const require = createRequire(import.meta.url);
    expect((require("react") as { version: string }).version).toBe(reactVersion);
    expect((require("react-dom") as { version: string }).version).toBe(domVersion);
  });
});
