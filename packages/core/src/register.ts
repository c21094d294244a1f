// Typed flag names, the way TanStack Router registers a router: an empty interface that a
// generated declaration file augments with the config's names. Nothing here exists at run time.
//
//   declare module "@victor-flags/core" {
//     interface Register {
//       flags: { checkout_v2: true };
//       experiments: { experiment_1: "control" | "treatment_a" };
//       values: { "banner-text": "Welkom terug!" | "Welcome back!"; "limits.api": number };
//     }
//   }
//
// Without that file every name is a plain string, so an ungenerated project type-checks as before.

/** Augment with `flags`, `experiments` and `values` (or let `victor-flags codegen` write it) to type-check names and value types. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface Register {}

/** A flag name: the registered names when a declaration registers them, else any string. */
export type FlagName = Register extends { flags: infer F } ? Extract<keyof F, string> : string;

/** An experiment name: the registered names when a declaration registers them, else any string. */
export type ExperimentName = Register extends { experiments: infer E } ? Extract<keyof E, string> : string;

/** The variants of experiment `E` as a union when registered, else string. */
export type VariantOf<E extends string> = Register extends { experiments: infer X }
  ? E extends keyof X
    ? Extract<X[E], string>
    : string
  : string;

/** A key for typed reads (`getValue`, `useFlagValue`): the registered keys when a declaration registers `values`, else any string. */
export type FlagValueKey = Register extends { values: infer V } ? Extract<keyof V, string> : string;

/** A literal type widened to its primitive (`"a" | "b"` to `string`), so a fallback need not be one of the variants. */
type Widened<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;

/**
 * The fallback type a typed read of `K` accepts: the registered value type widened (`string` for
 * a union of texts), so a fallback of another type is a compile error; unregistered, the bound given.
 */
export type FlagFallbackOf<K extends string, Otherwise> = Register extends { values: infer V } ? (K extends keyof V ? Widened<V[K]> : Otherwise) : Otherwise;

/** What a typed read of `K` with fallback type `T` answers: the registered value type or the fallback's. */
export type FlagValueOf<K extends string, T> = Register extends { values: infer V } ? (K extends keyof V ? V[K] | T : T) : T;
