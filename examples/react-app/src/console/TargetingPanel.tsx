import { useMemo, useState } from "react";
import { FlagProvider, useFlag, useFlagManager, useFlagsStatus } from "@victor-flags/react";
import { useFlagValue } from "@victor-flags/react/targeting";

/** The targeting panel's flagd document (examples/targeting-flags.json), through the app server. */
export const TARGETING_URL = "/targeting";

const COUNTRIES = ["nl", "be", "lu", "fr", "de", "us"];

/** The banner text: a typed (string) value chosen by the document's rules. */
function Banner() {
  const text = useFlagValue("banner-text", "Welcome!");
  return (
    <p className="tile new" data-testid="banner-text">
      {text}
    </p>
  );
}

/** The targeted flag, and why it has its value (explain(): variant, flagd reason, rule trace). */
function BetaTester() {
  const beta = useFlag("beta-tester");
  const { ready } = useFlagsStatus();
  const manager = useFlagManager();
  // re-read on every render: the flag's value, the context or the document changed
  const e = manager.explain("beta-tester");
  return (
    <div data-testid="beta-tester" data-value={beta ? "on" : "off"}>
      <p>
        beta-tester <span className={`pill ${beta ? "on" : "off"}`}>{beta ? "on" : "off"}</span>{" "}
        {e.flagd ? (
          <>
            variant <code>{e.flagd.variant ?? "-"}</code>, reason <span className="pill src">{e.flagd.reason}</span>
          </>
        ) : (
          <span className="muted">{ready ? e.reason : "loading…"}</span>
        )}
      </p>
      {e.flagd && e.flagd.trace.length > 0 ? (
        <ul className="mono" data-testid="beta-trace">
          {e.flagd.trace.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Targeting rules and typed values from a flagd document: change the country or the app version
 * and the rules answer again; edit examples/targeting-flags.json and the page updates live.
 */
export function TargetingPanel({ userId }: { userId: string }) {
  const [country, setCountry] = useState("nl");
  const [appVersion, setAppVersion] = useState("2.4.0");
  const context = useMemo(() => ({ ...(userId ? { userId } : {}), country, appVersion }), [userId, country, appVersion]);
  return (
    <section className="card" data-testid="targeting">
      <h2>Targeting (flagd)</h2>
      <div className="row">
        <label>
          country{" "}
          <select value={country} onChange={(e) => setCountry(e.currentTarget.value)} data-testid="targeting-country">
            {COUNTRIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          app version <input value={appVersion} onChange={(e) => setAppVersion(e.currentTarget.value)} data-testid="targeting-version" size={8} />
        </label>
      </div>
      <FlagProvider url={TARGETING_URL} remote={{ streaming: true }} context={context}>
        <Banner />
        <BetaTester />
      </FlagProvider>
      <p className="muted">
        Beta testers: the Benelux on app version 2.3.0 or later (<code>in</code> + <code>sem_ver</code>). Edit examples/targeting-flags.json to change the
        rules or the banner text.
      </p>
    </section>
  );
}
