// Vite builds the console (index.html), the client of the SSR example (ssr.html) and, with
// `build.ssr`, the server-rendering bundle. @victor-flags/* resolve like any npm package:
// through node_modules (workspace links) to each package's built dist, as users get them.
//
// `npm start` serves the build from its own app server. For hot reload while editing the app,
// run `victor-flags serve examples/victor-catalogue.json` and `npm run dev -w victor-flags-example-react-app`:
// the dev server passes /flags and /metrics to VF_FLAGS_URL (default http://127.0.0.1:4400/flags.json).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const flagsUrl = new URL(process.env.VF_FLAGS_URL ?? "http://127.0.0.1:4400/flags.json");
// the targeting panel's flagd document: `victor-flags serve examples/targeting-flags.json --port 4401`
const targetingUrl = new URL(process.env.VF_TARGETING_URL ?? "http://127.0.0.1:4401/flags.json");

export default defineConfig(({ isSsrBuild }) => ({
  root: here("./"),
  plugins: [react()],
  build: isSsrBuild
    ? { target: "node20" }
    : {
        rollupOptions: { input: { console: here("./index.html"), ssr: here("./ssr.html") } },
        chunkSizeWarningLimit: 1024,
      },
  server: {
    host: "127.0.0.1",
    proxy: {
      // Same mapping as server/app-server.mjs: /flags -> the config URL, /flags/stream -> its SSE stream.
      "^/flags(/.*)?$": { target: flagsUrl.origin, rewrite: (path) => flagsUrl.pathname + path.slice("/flags".length) },
      "^/targeting(/.*)?$": { target: targetingUrl.origin, rewrite: (path) => targetingUrl.pathname + path.slice("/targeting".length) },
      "/metrics": { target: flagsUrl.origin },
    },
  },
  preview: { host: "127.0.0.1" },
}));
