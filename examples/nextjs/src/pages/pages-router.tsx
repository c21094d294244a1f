// Pages Router: getServerSideProps evaluates the flags for the request; the page hands them to
// the same client provider as the App Router page.
import type { GetServerSideProps } from "next";
import { FeatureGate } from "@victor-flags/react";
import { ServerFlagProvider, getServerFlags, readCookie, type ServerFlags } from "@victor-flags/react/server";
import { FlagList } from "../components/flag-list";
import { USER_COOKIE, config } from "../flags";

interface Props {
  flags: ServerFlags;
  userId: string | null;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req }) => {
  const userId = readCookie(req.headers.cookie, USER_COOKIE) ?? null;
  const flags = getServerFlags({ config, cookies: req.headers.cookie, context: userId ? { userId } : {}, env: process.env });
  // Props travel as JSON: undefined values are not allowed there.
  return { props: { flags: JSON.parse(JSON.stringify(flags)) as ServerFlags, userId } };
};

export default function PagesRouterPage({ flags, userId }: Props) {
  return (
    <main>
      <h1>Pages Router</h1>
      <p data-testid="subject">{userId ? `user ${userId}` : "anonymous visitor"}</p>
      <ServerFlagProvider flags={flags}>
        <FeatureGate flag="hierarchical_planning_enabled" fallback={<p data-testid="layout">Classic layout</p>}>
          <p data-testid="layout">Wizard layout</p>
        </FeatureGate>
        <FlagList />
      </ServerFlagProvider>
    </main>
  );
}
