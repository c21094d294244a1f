import { isDevelopment, type Logger } from "./platform.js";

/** Warns once per distinct message, in development builds only. */
export function createWarnOnce(logger: Logger): (message: string) => void {
  // Read once: `process.env` is slow in Node, and an unknown name may be read on every render.
  const development = isDevelopment();
  const seen = new Set<string>();
  return (message) => {
    if (!development || seen.has(message)) return;
    seen.add(message);
    logger.warn(message);
  };
}
