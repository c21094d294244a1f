// `scripts/release.mjs version` and the checks `publish` makes before it builds or publishes,
// on a copy of the packages' manifests and the changelog.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "./helpers";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "vf-version-"));
  for (const pkg of publishedPackages()) {
    const dir = join(root, "packages", pkg.dir.split("/").pop()!);
    mkdirSync(dir, { recursive: true });
    for (const file of ["package.json", "README.md", "LICENSE"]) cpSync(join(pkg.dir, file), join(dir, file));
  }
  cpSync(join(repoRoot, "CHANGELOG.md"), join(root, "CHANGELOG.md"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const release = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, "scripts/release.mjs"), ...args, "--root", root], { encoding: "utf8" });
const manifest = (name: string) => JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));

describe("release.mjs version", () => {
  it("sets one version on every package and its internal pins, and opens the changelog section", () => {
    const res = release("version", "0.2.0", "--no-lockfile");
    expect(res.status, res.stderr).toBe(0);
    for (const name of ["core", "react", "node", "openfeature"]) expect(manifest(name).version).toBe("0.2.0");
    expect(manifest("react").dependencies["@victor-flags/core"]).toBe("0.2.0");
    expect(manifest("node").dependencies["@victor-flags/core"]).toBe("0.2.0");
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/## Unreleased\n\n## 0\.2\.0 — \d{4}-\d{2}-\d{2}\n/);
    // The same version twice is refused, not written twice.
    expect(release("version", "0.2.0", "--no-lockfile").stderr).toContain("already has a 0.2.0 section");
  });

  it("refuses a version that is not semver", () => {
    const res = release("version", "next", "--no-lockfile");
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('version needs a semver such as 0.2.0, got "next"');
  });
});

describe("release.mjs publish refuses before publishing anything", () => {
  it("when the packages disagree on the version", () => {
    const core = manifest("core");
    writeFileSync(join(root, "packages/core/package.json"), JSON.stringify({ ...core, version: "9.9.9" }));
    const res = release("publish", "--dry-run", "--skip-build");
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/packages disagree on the version/);
  });

  it("when the changelog has no section for the version", () => {
    expect(release("version", "0.3.0", "--no-lockfile").status).toBe(0);
    writeFileSync(join(root, "CHANGELOG.md"), "# Changelog\n\n## Unreleased\n");
    const res = release("publish", "--dry-run", "--skip-build");
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('CHANGELOG.md has no "## 0.3.0" section');
  });

  it("when a package has no README", () => {
    rmSync(join(root, "packages/react/README.md"));
    const res = release("publish", "--dry-run", "--skip-build");
    expect(res.stderr).toContain("@victor-flags/react has no README.md");
  });
});
