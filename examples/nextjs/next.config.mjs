import { fileURLToPath } from "node:url";

// The repository root holds the lockfile and the workspace packages this app links to.
const root = fileURLToPath(new URL("../../", import.meta.url));

/** @type {import("next").NextConfig} */
export default {
  reactStrictMode: true,
  turbopack: { root },
  outputFileTracingRoot: root,
};
