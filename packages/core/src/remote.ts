// `@victor-flags/core/remote`: a separate entry, so an app that does not import it bundles none of it.
export { createRemoteSource } from "./remote/remote-source.js";
export type { RemoteSource } from "./remote/remote-source.js";
export type { RemoteSourceOptions, RemoteUrl } from "./remote/remote-options.js";
export type { RetryOptions } from "./remote/backoff.js";
export type { FetchLike, FetchInit, FetchResponseLike, EventSourceLike, EventSourceFactory, EventSourceMessageLike } from "./platform.js";
export type { ConfigTarget } from "./remote/config-target.js";
export { RemoteError } from "./errors.js";
export type { RemoteFailureKind } from "./errors.js";
