// The README's performance table, written by `npm run bench` from the run it just made (between
// <!-- perf:start --> and <!-- perf:end -->), so the README never quotes figures of another run.
import { SDKS, SDK_IDS } from "./sdks.mjs";
import { aboveBareStore, formatBytes, formatMs, formatNs, sig, summarize } from "./stats.mjs";

const PEERS = SDK_IDS.filter((id) => id !== "victor");
const LABEL = Object.fromEntries(SDK_IDS.map((id) => [id, SDKS[id].label]));
const CASES = ["plain", "rollout", "variant", "chain"];

const x = (r) => `${r >= 10 ? Math.round(r) : sig(r)}×`;
/** "1.36×", "0.76×" in bold (a loss), or a range "43–340×" (bold when any part is a loss). */
function ratios(list) {
  const ok = list.filter((r) => Number.isFinite(r) && r > 0);
  if (ok.length === 0) return "n/a";
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  const text = lo === hi ? x(lo) : `${x(lo).slice(0, -1)}–${x(hi)}`;
  return lo < 1 ? `**${text}**` : text;
}
const median = (samples) => (samples?.length ? summarize(samples).median : undefined);

function evalRow(evalResults, mode, label, notes) {
  const ours = CASES.map((c) => median(evalResults.victor?.cases[`${c}/${mode}`]?.samples));
  const known = ours.filter((v) => v !== undefined);
  if (known.length === 0) return undefined;
  const range = `${formatNs(Math.min(...known))}–${formatNs(Math.max(...known))}`;
  const cells = PEERS.map((id) => {
    const cases = CASES.map((c, i) => ({ c: evalResults[id]?.cases[`${c}/${mode}`], ours: ours[i] }));
    if (cases.every(({ c }) => !c?.samples?.length)) return `n/a ${notes.ref("needs its service: offline it cannot evaluate for another user")}`;
    const text = ratios(cases.map(({ c, ours: o }) => (c?.samples?.length && o ? median(c.samples) / o : NaN)));
    return cases.some(({ c }) => c?.support === "server") ? `${text} ${notes.ref("reads values its service already computed, so its reads are lookups")}` : text;
  });
  return [`${label} (ours ${range})`, ...cells];
}

function scaleRow(scale, count, metric, label) {
  const pick = (s) => (metric === "time" ? median(s?.samples) : median(s?.retained));
  const ours = pick(scale.victor?.[count]);
  if (ours === undefined) return undefined;
  const format = metric === "time" ? formatMs : formatBytes;
  return [`${label} (ours ${format(ours)})`, ...PEERS.map((id) => ratios([pick(scale[id]?.[count]) / ours]))];
}

function reactRow(react, phase, label) {
  const ours = median(react.victor?.phases[phase]?.ms);
  if (ours === undefined) return undefined;
  return [`${label} (ours ${formatMs(ours)})`, ...PEERS.map((id) => ratios([median(react[id]?.phases[phase]?.ms) / ours]))];
}

/** Ratio of each peer's time above the bare store to ours (above 1×: we add less). */
function aboveBareRow(react, phase, label) {
  const b = aboveBareStore(react, phase, SDK_IDS);
  if (b?.above.victor === undefined) return undefined;
  const oursAbove = Math.max(b.above.victor, 1e-3);
  return [`${label} (ours ${formatMs(b.above.victor)} above the bare store's ${formatMs(b.floor)})`, ...PEERS.map((id) => (b.above[id] === undefined ? "n/a" : ratios([Math.max(b.above[id], 0) / oursAbove])))];
}

/** The table and its footnotes, as markdown; rows whose data the run lacks are left out. */
export function readmePerformanceTable(results) {
  const notes = [];
  const footnote = { ref(text) {
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return "¹²³⁴⁵⁶⁷⁸⁹"[i];
  } };
  const rows = [];
  if (results.eval) {
    rows.push(evalRow(results.eval, "warm", "flag read, warm", footnote));
    rows.push(evalRow(results.eval, "context", "read after a context change", footnote));
  }
  if (results.react) {
    rows.push(reactRow(results.react, "one", "React: one flag change among 1 000 consumers"));
    rows.push(aboveBareRow(results.react, "one", "… time above a bare useSyncExternalStore store"));
    rows.push(reactRow(results.react, "all", "React: all 100 flags change"));
    rows.push(reactRow(results.react, "mount", "React: mount 1 000 consumers"));
  }
  if (results.scale) {
    for (const count of [1_000, 10_000]) rows.push(scaleRow(results.scale, count, "time", `config load, ${count === 1_000 ? "1 000" : "10 000"} flags (validation included)`));
    for (const count of [1_000, 10_000]) rows.push(scaleRow(results.scale, count, "heap", `retained heap, ${count === 1_000 ? "1 000" : "10 000"} flags`));
  }
  const app = results.size?.apps;
  if (app?.victor?.gzip) {
    const lazy = app.victor.lazy?.gzip ? `, +${(app.victor.lazy.gzip / 1000).toFixed(1)} kB lazy` : "";
    rows.push([`app import size, gzip (ours ${(app.victor.gzip / 1000).toFixed(2)} kB${lazy})`, ...PEERS.map((id) => ratios([app[id]?.gzip / app.victor.gzip]))]);
  }
  const kept = rows.filter(Boolean);
  const lost = kept.filter((r) => r.slice(1).some((c) => c.startsWith("**"))).map((r) => r[0].replace(/ \(ours.*$/, ""));
  return [
    `Ratios from the run of ${results.startedAt.slice(0, 10)} (peer ÷ victor-flags: above 1× we are faster or smaller; in **bold** where`,
    `the peer wins). ${results.quick ? "A --quick run: indicative only. " : ""}CPU-time medians on a shared machine (React: wall time); spread, versions and the load average are in RESULTS.md.`,
    "",
    `| | ${PEERS.map((id) => LABEL[id]).join(" | ")} |`,
    `|---|${PEERS.map(() => "---").join("|")}|`,
    ...kept.map((r) => `| ${r.join(" | ")} |`),
    "",
    ...notes.map((text, i) => `${"¹²³⁴⁵⁶⁷⁸⁹"[i]} ${text}.`),
    ...(notes.length ? [""] : []),
    lost.length ? `Where a peer still wins in this run: ${lost.join("; ")}.` : "No peer wins a row in this run.",
  ].join("\n");
}
