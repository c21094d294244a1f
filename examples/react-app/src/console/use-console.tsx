import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { FlagsError, useFlagManager, useFlagsStatus } from "@victor-flags/react";

interface ConsoleState {
  /** Bumped after each action of the console, so panels re-read what has no subscription (audit log, explain). */
  revision: number;
  /** The error of the last action that failed (e.g. a DependencyError), until dismissed. */
  error: Error | undefined;
  /** Runs a console action; a thrown error is shown instead of crashing the page. */
  act: (action: () => void) => void;
  dismiss: () => void;
}

const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

/** Shared state of the console panels: the last action error and a revision counter. */
export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<Error | undefined>(undefined);
  const act = useCallback((action: () => void) => {
    try {
      action();
      setError(undefined);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
    setRevision((r) => r + 1);
  }, []);
  const dismiss = useCallback(() => setError(undefined), []);
  const value = useMemo(() => ({ revision, error, act, dismiss }), [revision, error, act, dismiss]);
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error("useConsole() must be used inside <ConsoleProvider>");
  return state;
}

/**
 * For panels that show every flag at once (a table, the audit log): re-render when any value,
 * the status or a console action changed. Gated components use `useFlag`, which re-renders
 * only for its own flag.
 */
export function useLiveManager() {
  const manager = useFlagManager();
  const subscribe = useCallback((onChange: () => void) => manager.subscribe(onChange), [manager]);
  const snapshot = useSyncExternalStore(subscribe, () => manager.getSnapshot(), () => manager.getSnapshot());
  const status = useFlagsStatus();
  const { revision } = useConsole();
  return { manager, snapshot, status, revision };
}

/** A short description of an error: its code for SDK errors, then the message. */
export function describe(error: Error): string {
  return error instanceof FlagsError ? `${error.code}: ${error.message}` : error.message;
}

/** The bucketing subject (the userId, else the persisted anonymous id), kept current across user switches. */
export function useSubject(): string {
  const manager = useFlagManager();
  const subscribe = useCallback(
    // Context listeners hear the change before the manager re-buckets: read once it returned.
    (onChange: () => void) => manager.onContextChange(() => queueMicrotask(onChange)),
    [manager],
  );
  return useSyncExternalStore(subscribe, () => manager.getSubject(), () => manager.getSubject());
}
