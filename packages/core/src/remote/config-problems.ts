import { configErrors } from "../assert-config.js";
import { ConfigError } from "../errors.js";
import { describeError } from "./http-request.js";

/** Why a document cannot be installed, with every problem and its path; undefined when it can. */
export function problemsOf(doc: unknown): ConfigError | undefined {
  try {
    // errors only: rule warnings would need the flagd compile, which the store runs when it reads
    const errors = configErrors(doc);
    return errors.length === 0 ? undefined : new ConfigError(errors);
  } catch (error) {
    return new ConfigError([{ path: "", message: `could not be checked (${describeError(error)})` }]);
  }
}
