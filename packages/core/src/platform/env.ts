// Development or production build, as the bundler decided.

/** True unless the build replaced `process.env.NODE_ENV` with "production" (or Node runs in production). */
export function isDevelopment(): boolean {
  // Written literally so bundlers can replace `process.env.NODE_ENV`; a browser without the
  // replacement has no `process` and lands in the catch, which means development.
  try {
    return process.env.NODE_ENV !== "production";
  } catch {
    return true;
  }
}
