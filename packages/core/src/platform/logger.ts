// Where the SDK's diagnostics go.

/** Where diagnostics go. */
export interface Logger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The default logger: `console`, looked up when called. */
export const consoleLogger: Logger = {
  warn: (message) => console.warn(`[victor-flags] ${message}`),
  error: (message, error) =>
    error === undefined ? console.error(`[victor-flags] ${message}`) : console.error(`[victor-flags] ${message}`, error),
};
