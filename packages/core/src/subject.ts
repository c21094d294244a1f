import { nanoid } from "nanoid";
import type { KeyValueStorage } from "./platform.js";
import type { FlagContext } from "./types.js";

/** Storage key of the anonymous subject id. */
export const ANONYMOUS_ID_KEY = "victor-flags:anonymous-id";

/**
 * The anonymous id stored under `ANONYMOUS_ID_KEY`, created with nanoid on first use, so a
 * returning visitor keeps every bucket.
 */
export function getAnonymousId(storage: KeyValueStorage): string {
  let id: string | null = null;
  try {
    id = storage.getItem(ANONYMOUS_ID_KEY);
  } catch {
    id = null;
  }
  if (typeof id === "string" && id.length > 0) return id;
  const fresh = nanoid();
  try {
    storage.setItem(ANONYMOUS_ID_KEY, fresh);
  } catch {
    // the id still holds for this page; it just will not survive a reload
  }
  return fresh;
}

/**
 * The bucketing subject for a context: its `userId`, or the anonymous id. An empty or
 * whitespace-only `userId` counts as absent: bucketing every such user together would put them
 * all in the same bucket, which is never what a caller meant.
 */
export function subjectFor(context: FlagContext, storage: KeyValueStorage): string {
  const userId = context.userId;
  if (typeof userId === "string" && userId.trim() !== "") return userId;
  return getAnonymousId(storage);
}
