import { useEffect, useState } from "react";
import { useFlag, useFlagManager, useFlagsStatus } from "@victor-flags/react";
import { GatedDemo } from "../demo/GatedDemo";

function FlagLine({ name }: { name: string }) {
  const on = useFlag(name);
  return (
    <li data-testid={`ssr-flag-${name}`} data-value={String(on)}>
      <span className={`pill ${on ? "on" : "off"}`}>{on ? "on" : "off"}</span> <code>{name}</code>
    </li>
  );
}

/** Client-only: the status differs between server and browser, so it appears after hydration. */
function LiveStatus() {
  const status = useFlagsStatus();
  return (
    <div className={`status${status.error ? " error" : ""}`} data-testid="status" data-source={status.source}>
      <span>
        hydrated · config now from <strong data-testid="status-source">{status.source}</strong>
      </span>
      {status.error && <span className="error-text">{status.error.message}</span>}
    </div>
  );
}

/** The page both sides render: the server with `renderToString`, the browser with `hydrateRoot`. */
export function SsrPage({ userId }: { userId: string }) {
  const manager = useFlagManager();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Same config and same userId on both sides, so the same names and values.
  const names = Object.keys(manager.getAllFlags());
  return (
    <div className="page" data-testid="ssr-page" data-hydrated={String(hydrated)}>
      <header className="header">
        <h1>Server-rendered flags</h1>
        <span className="muted">
          rendered for <code data-testid="ssr-user">{userId}</code>
        </span>
        <nav className="links">
          <a href="/">← Victor console</a>
        </nav>
      </header>
      {hydrated ? <LiveStatus /> : <div className="status">server HTML, not hydrated yet</div>}
      <div className="grid">
        <GatedDemo runnable={false} />
        <section className="card">
          <h2>Every flag for this user</h2>
          <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {names.map((name) => (
              <FlagLine key={name} name={name} />
            ))}
          </ul>
          <p className="muted">
            The server fetched the config from <code>victor-flags serve</code>, rendered this page with it and put it in the page; the browser hydrates from
            that same document (the remote source's <code>bootstrap</code>), then keeps it live over SSE. Edit the catalogue and watch.
          </p>
        </section>
      </div>
    </div>
  );
}
