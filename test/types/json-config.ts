// Type-checked by `npm test` (tsconfig includes test/): a config imported from a JSON file is a
// FlagConfig without a cast (issue 19); the runtime validation still checks version and strategy.
import { FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import config from "../../examples/victor-catalogue.json";

const typed: FlagConfig = config;
export const manager = new FeatureFlagManager({ config });
export { typed };
