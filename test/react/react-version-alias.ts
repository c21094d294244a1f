// The react-17 and react-18 projects swap `react` and `react-dom` for npm aliases (react-18, ...).
// vite's resolve.alias covers ESM imports it transforms, but CommonJS packages (react-dom-18,
// RTL's dist, the use-sync-external-store shim) `require("react")` through Node, which would
// load React 19 beside the aliased copy. Redirect those requires to the same aliased package.
import Module from "node:module";

declare const __REACT_MAJOR__: 17 | 18 | 19;

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };

if (__REACT_MAJOR__ !== 19) {
  const major = __REACT_MAJOR__;
  const original = mod._resolveFilename;
  const swap = (request: string): string => {
    const m = /^(react|react-dom)(\/.*)?$/.exec(request);
    if (m) return `${m[1]}-${major}${m[2] ?? ""}`;
    if (major === 17 && request === "@testing-library/react") return "rtl-12";
    return request;
  };
  mod._resolveFilename = function (request, parent, isMain, options) {
    return original.call(this, swap(request), parent, isMain, options);
  };
}
