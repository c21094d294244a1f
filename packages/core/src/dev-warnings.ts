import { isDevelopment, type Logger } from "./platform.js";

/** Warns once per distinct message, in development builds only. */
export function createWarnOnce(logger: Logger): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (!isDevelopment() || seen.has(message)) return;
    seen.add(message);
    logger.warn(message);
  };
}
