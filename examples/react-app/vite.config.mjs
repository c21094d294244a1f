// Vite builds the console (index.html), the client of the SSR example (ssr.html) and, with
// `build.ssr`, the server-rendering bundle. @victor-flags/* resolve like any npm package:
// through node_modules (workspace links) to each package's built dist, as users get them.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ isSsrBuild }) => ({
  root: here("./"),
  plugins: [react()],
  build: isSsrBuild
    ? { target: "node20" }
    : {
        rollupOptions: { input: { console: here("./index.html"), ssr: here("./ssr.html") } },
        chunkSizeWarningLimit: 1024,
      },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
}));
