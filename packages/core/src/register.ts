// Typed flag names, the way TanStack Router registers a router: an empty interface that a
// generated declaration file augments with the config's names. Nothing here exists at run time.
//
//   declare module "@victor-flags/core" {
//     interface Register {
//       flags: { checkout_v2: true };
//       experiments: { experiment_1: "control" | "treatment_a" };
//     }
//   }
//
// Without that file every name is a plain string, so an ungenerated project type-checks as before.

/** Augment with `flags` and `experiments` (or let `victor-flags codegen` write it) to type-check names. */
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
