// The config the whole app evaluates: the Victor catalogue, imported as JSON (no cast needed).
import catalogue from "../../victor-catalogue.json";
import type { FlagConfig } from "@victor-flags/core";

export const config: FlagConfig = catalogue;

/** The cookie this example uses for a signed-in user's id (a stand-in for a real session). */
export const USER_COOKIE = "user";
