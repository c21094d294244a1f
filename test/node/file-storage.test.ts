import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFileStorage } from "@victor-flags/node";
import { recordingLogger } from "../fixtures/catalogue";
import { tempDir } from "./helpers/temp-files";

describe("createFileStorage", () => {
  it("persists values across instances (processes) in a JSON file", () => {
    const path = join(tempDir(), "nested", "store.json");
    const a = createFileStorage(path);
    expect(a.getItem("k")).toBeNull();
    a.setItem("k", "v1");
    a.setItem("gone", "x");
    a.removeItem("gone");
    const b = createFileStorage(path);
    expect(b.getItem("k")).toBe("v1");
    expect(b.getItem("gone")).toBeNull();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ k: "v1" });
  });

  it("starts empty with a warning when the file is corrupt, and never reads prototype keys", () => {
    const path = join(tempDir(), "store.json");
    writeFileSync(path, "{ not json");
    const logger = recordingLogger();
    const s = createFileStorage(path, { logger });
    expect(s.getItem("k")).toBeNull();
    expect(s.getItem("toString")).toBeNull();
    expect(logger.warnings[0]).toContain("is not a JSON object of strings");
    s.setItem("k", "v");
    expect(createFileStorage(path).getItem("k")).toBe("v");
  });
});
