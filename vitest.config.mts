import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import packages by name, as users do; the names resolve to src so no build is needed.
const packageAliases = [
  { find: /^@victor-flags\/core$/, replacement: r("./packages/core/src/index.ts") },
  { find: /^@victor-flags\/core\/(.*)$/, replacement: r("./packages/core/src/$1") },
  { find: /^@victor-flags\/react$/, replacement: r("./packages/react/src/index.ts") },
  { find: /^@victor-flags\/react\/(.*)$/, replacement: r("./packages/react/src/$1") },
  { find: /^@victor-flags\/node$/, replacement: r("./packages/node/src/index.ts") },
  { find: /^@victor-flags\/openfeature$/, replacement: r("./packages/openfeature/src/index.ts") },
  { find: /^@victor-flags\/openfeature\/(.*)$/, replacement: r("./packages/openfeature/src/$1") },
];

/** The React suite runs once per supported major; older majors swap react, react-dom and RTL. */
function reactProject(major: 17 | 18 | 19) {
  const swap =
    major === 19
      ? []
      : [
          { find: /^react$/, replacement: `react-${major}` },
          { find: /^react\/(.*)$/, replacement: `react-${major}/$1` },
          { find: /^react-dom$/, replacement: `react-dom-${major}` },
          { find: /^react-dom\/(.*)$/, replacement: `react-dom-${major}/$1` },
          ...(major === 17 ? [{ find: /^@testing-library\/react$/, replacement: "rtl-12" }] : []),
        ];
  return {
    resolve: { alias: [...packageAliases, ...swap] },
    define: { __REACT_MAJOR__: String(major) },
    test: {
      name: `react-${major}`,
      include: ["test/react/**/*.test.{ts,tsx}"],
      setupFiles: major === 19 ? [] : [r("./test/react/react-version-alias.ts")],
      environment: "jsdom",
      // Inline so that use-sync-external-store and RTL see the aliased React, not a second copy.
      server: { deps: { inline: [/use-sync-external-store/, /@testing-library/, /rtl-12/] } },
    },
  };
}

const plain = (name: string, environment = "node") => ({
  resolve: { alias: packageAliases },
  test: { name, include: [`test/${name}/**/*.test.{ts,tsx}`], environment },
});

const browserWanted = process.env.CI === "true" || existsSync("/usr/bin/chromium");

export default defineConfig({
  test: {
    projects: [
      plain("core"),
      // The node suite runs the built `victor-flags` bin; the setup rebuilds core+node dist when stale.
      { ...plain("node"), test: { ...plain("node").test, globalSetup: ["test/node/global-setup.ts"] } },
      plain("openfeature", "jsdom"),
      reactProject(19),
      reactProject(18),
      reactProject(17),
      // The built and packed packages as users get them (CommonJS, tarballs, a release to a local registry).
      { ...plain("packaging"), test: { ...plain("packaging").test, testTimeout: 120_000, hookTimeout: 600_000, fileParallelism: false } },
      ...(browserWanted
        ? [{ ...plain("browser"), test: { ...plain("browser").test, testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } }]
        : []),
    ],
  },
});
