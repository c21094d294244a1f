import { useState } from "react";
import { FlagProvider } from "@victor-flags/react";
import { FlagDevtools } from "@victor-flags/react/devtools";
import { QaOverrides } from "@victor-flags/react/qa";
import { ConsoleProvider } from "./console/use-console";
import { StatusLine } from "./console/StatusLine";
import { FlagTable } from "./console/FlagTable";
import { AuditLog } from "./console/AuditLog";
import { ExperimentPanel } from "./console/ExperimentPanel";
import { RolloutSimulator } from "./console/RolloutSimulator";
import { MetricsPanel } from "./console/MetricsPanel";
import { HealthPanel } from "./console/HealthPanel";
import { GatedDemo } from "./demo/GatedDemo";
import { TargetingPanel } from "./console/TargetingPanel";
import { InstrumentationProvider } from "./console/instrumentation";

/** The page reaches `victor-flags serve` through the app server (same origin): see server/app-server.mjs. */
export const FLAGS_URL = "/flags";

const USER_KEY = "victor-console:user-id";

function savedUser(): string {
  try {
    return localStorage.getItem(USER_KEY) ?? "";
  } catch {
    return "";
  }
}

/** The Victor console: the shipped catalogue, live from the dev server, through the public API only. */
export function App() {
  // "" is the anonymous visitor: the SDK buckets them by a persisted random id.
  const [userId, setUserIdState] = useState(savedUser);
  const setUserId = (next: string) => {
    setUserIdState(next);
    try {
      if (next) localStorage.setItem(USER_KEY, next);
      else localStorage.removeItem(USER_KEY);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };

  return (
    // The cached last good config is loaded synchronously before this first render, then the
    // source revalidates over the network and listens for live updates (SSE).
    // <QaOverrides />: this console is a development tool, so ?vf=flag:on,experiment_1:treatment_a
    // works here, already in the first painted frame; a production app leaves it out or renders
    // it only in QA builds.
    <FlagProvider url={FLAGS_URL} remote={{ streaming: true }} context={userId ? { userId } : {}}>
      <QaOverrides />
      <ConsoleProvider>
        <InstrumentationProvider>
          <div className="page">
            <header className="header">
              <h1>Victor console</h1>
              <span className="muted">victor-flags on the Victor catalogue</span>
              <nav className="links">
                <a href="/ssr">server-rendered example →</a>
              </nav>
            </header>
            <StatusLine />
            <div className="grid">
              <GatedDemo />
              <ExperimentPanel userId={userId} onUserChange={setUserId} />
              <RolloutSimulator />
              <TargetingPanel userId={userId} />
              <FlagTable />
              <AuditLog />
              <MetricsPanel />
              <HealthPanel />
            </div>
          </div>
        </InstrumentationProvider>
      </ConsoleProvider>
      <FlagDevtools />
    </FlagProvider>
  );
}
