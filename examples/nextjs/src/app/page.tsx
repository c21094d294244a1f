// App Router: a server component evaluates the flags for this request and hands them to the
// client provider; client components (FlagList, FeatureGate) render the same values on the
// server and after hydration.
import { cookies } from "next/headers";
import { FeatureGate } from "@victor-flags/react";
import { ServerFlagProvider, getServerFlags } from "@victor-flags/react/server";
import { FlagList } from "../components/flag-list";
import { USER_COOKIE, config } from "../flags";

export default async function Home() {
  const cookieStore = await cookies();
  const userId = cookieStore.get(USER_COOKIE)?.value;
  const flags = getServerFlags({ config, cookies: cookieStore, context: userId ? { userId } : {}, env: process.env });
  return (
    <main>
      <h1>App Router</h1>
      <p data-testid="subject">{userId ? `user ${userId}` : "anonymous visitor"}</p>
      {/* Read on the server, no hook needed. */}
      <p data-testid="server-value">{`parallel planner on the server: ${flags.flags.parallel_execution_enabled ? "on" : "off"}`}</p>
      <ServerFlagProvider flags={flags}>
        <FeatureGate flag="hierarchical_planning_enabled" fallback={<p data-testid="layout">Classic layout</p>}>
          <p data-testid="layout">Wizard layout</p>
        </FeatureGate>
        <FlagList />
      </ServerFlagProvider>
    </main>
  );
}
