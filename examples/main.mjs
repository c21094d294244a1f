// `npm start` placeholder until the example app lands: evaluates the shipped Victor catalogue.
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(new URL("../packages/core/dist/index.js", import.meta.url))) {
  spawnSync("npm", ["run", "build"], { stdio: "inherit" });
}
const { FeatureFlagManager, createMemoryStorage } = await import("../packages/core/dist/index.js");
const config = JSON.parse(readFileSync(new URL("./victor-catalogue.json", import.meta.url), "utf8"));
const manager = new FeatureFlagManager({ config, context: { userId: process.env.VICTOR_USER ?? "demo-user" }, env: process.env, storage: createMemoryStorage() });
for (const [name, value] of Object.entries(manager.getAllFlags())) {
  const { source, reason } = manager.explain(name);
  console.log(`${value ? "on " : "off"}  ${name.padEnd(32)} ${source.padEnd(10)} ${reason}`);
}
console.log(`experiment_1 → ${manager.getVariant("experiment_1")}`);
