// Turns the pooled results of run.mjs into bench/RESULTS.md and a console summary.
import { APP_IMPORTS, BUDGETED } from "../size-entries.mjs";
import { aboveBareStore, formatBytes, formatMs, formatNs, ratio, summarize, withSpread } from "./stats.mjs";
import { SDKS, SDK_IDS } from "./sdks.mjs";

const LABEL = Object.fromEntries(SDK_IDS.map((id) => [id, SDKS[id].label]));
const PEERS = SDK_IDS.filter((id) => id !== "victor");
const CASES = [
  ["plain", "plain boolean"],
  ["rollout", "50% rollout"],
  ["variant", "weighted variant (3 arms)"],
  ["chain", "dependency chain of 3"],
];

/** Footnote registry: the same text gets the same number. */
function footnotes() {
  const list = [];
  return {
    ref(text) {
      let i = list.indexOf(text);
      if (i < 0) i = list.push(text) - 1;
      return `[^${i + 1}]`;
    },
    render: () => list.map((text, i) => `[^${i + 1}]: ${text}`).join("\n"),
  };
}

const table = (head, rows) => [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
/** "16.20 kB", plus "(+1.10 kB lazy)" when part of the bundle loads only through import(). */
const gz = (r) => `**${kb(r.gzip)}**${r.lazy?.gzip ? ` (+${kb(r.lazy.gzip)} lazy)` : ""}`;

function sizeSection(size, notes, summary) {
  const out = ["## Bundle size", ""];
  const { apps, budgeted, budgets } = size;
  const ours = apps.victor?.gzip;
  out.push(
    "A realistic app import per SDK (provider, boolean hook, variant hook, gate, remote loading), bundled the same way for all: rollup + node-resolve (browser) + commonjs + terser, `NODE_ENV=production`, React external; gzip level 9 via node:zlib, per chunk. Sizes are what a page loads up front; code behind a dynamic `import()` is shown apart as lazy.",
    "",
  );
  const rows = SDK_IDS.map((id) => {
    const r = apps[id];
    const e = APP_IMPORTS[id];
    const gap = e.gaps ? ` ${notes.ref(`${LABEL[id]}: ${e.gaps}.`)}` : "";
    if (!r || r.error || r.skipped) return [LABEL[id], e.uses, "–", r?.error ?? r?.skipped ?? "not run", "–"];
    return [LABEL[id] + gap, e.uses, kb(r.minified), gz(r), id === "victor" ? "1×" : ratio(r.gzip, ours)];
  });
  out.push(table(["SDK", "imports", "minified", "gzip", "peer ÷ ours"], rows), "");

  const peerSizes = PEERS.map((id) => apps[id]?.gzip).filter((x) => x > 0);
  const smallest = Math.min(...peerSizes);
  const smallestPeer = PEERS.find((id) => apps[id]?.gzip === smallest);
  const aimMinimal = budgets.aims["minimal (static config + useFlag)"];
  const aimShare = budgets.aims["full import, as a share of the smallest peer's app import"];
  const brows = Object.keys(BUDGETED).map((name) => {
    const r = budgeted[name];
    const budget = budgets.budgets[name];
    if (!r || r.skipped) return [name, BUDGETED[name].what, "–", r?.skipped ?? "not run", budget ? kb(budget) : "–", "–"];
    const aim = name.startsWith("minimal") ? aimMinimal : Math.floor(smallest * aimShare);
    const meets = r.gzip <= aim ? "met" : `missed by ${kb(r.gzip - aim)}`;
    return [name, BUDGETED[name].what, kb(r.minified), gz(r), budget ? `${kb(budget)} ${r.gzip > budget ? "**over**" : "ok"}` : "none", `≤ ${kb(aim)}: ${meets}`];
  });
  out.push("Our budgeted entries (checked by `npm test` through `bench/size-check.mjs`):", "");
  out.push(table(["entry", "what", "minified", "gzip", "budget", "aim"], brows), "");
  out.push(
    `The "full" aim is half the smallest peer's app import (${LABEL[smallestPeer]}, ${kb(smallest)}); the minimal aim is ${kb(aimMinimal)}.`,
    "",
  );
  for (const [title, r] of [["app import", apps.victor], ["minimal", budgeted["minimal (static config + useFlag)"]]]) {
    if (!r?.modules) continue;
    const total = r.modules.reduce((a, m) => a + m.bytes, 0);
    const top = r.modules.slice(0, 8).map((m) => [`\`${m.id}\`${m.lazy ? " (lazy)" : ""}`, `${m.bytes} B`, `${Math.round((m.bytes / total) * 100)}%`]);
    out.push(`Largest modules in our ${title} (bytes after tree-shaking, before minification):`, "", table(["module", "bytes", "share"], top), "");
  }
  if (ours && smallest) summary.push(`size: app import ${kb(ours)} gzip; smallest peer ${LABEL[smallestPeer]} ${kb(smallest)} (peer ÷ ours ${ratio(smallest, ours)})`);
  const min = budgeted["minimal (static config + useFlag)"];
  if (min?.gzip) summary.push(`size: minimal ${kb(min.gzip)} gzip (aim ${kb(aimMinimal)})`);
  return out.join("\n");
}

function cell(stats, format, oursStats, isOurs) {
  const base = withSpread(stats, format);
  return isOurs || !oursStats ? base : `${base} (${ratio(stats.median, oursStats.median)})`;
}

function evalSection(evalResults, notes, summary) {
  const out = ["## Evaluation (per call)", ""];
  out.push(
    "**warm**: the same read again and again for one user, as renders do. **after context change**: switch to a different user, then read: what the first read after a login costs, the SDK's own work on the change included (awaited where the API is asynchronous).",
    "",
  );
  const rows = [];
  for (const [key, label] of CASES) {
    for (const [mode, modeLabel] of [["warm", "warm"], ["context", "after context change"]]) {
      const oursCase = evalResults.victor?.cases[`${key}/${mode}`];
      const oursStats = oursCase?.samples?.length ? summarize(oursCase.samples) : null;
      const row = [`${label}, ${modeLabel}`];
      for (const id of SDK_IDS) {
        const r = evalResults[id];
        const c = r?.cases[`${key}/${mode}`];
        if (!r || (!c && r.errors.length)) row.push(`failed ${notes.ref(`${LABEL[id]}: ${r?.errors[0] ?? "not run"}`)}`);
        else if (!c) row.push("–");
        else if (c.skipped) row.push(`n/a ${notes.ref(`${LABEL[id]}: ${c.skipped}.`)}`);
        else {
          const stats = summarize(c.samples);
          let text = cell(stats, formatNs, oursStats, id === "victor");
          if (c.support === "server") text += ` ${notes.ref(`${LABEL[id]}: values are computed by its service; offline, the client only reads the bootstrapped value, so this cell times a lookup, not an evaluation.`)}`;
          else if (c.support !== "local") text += ` ${notes.ref(`${LABEL[id]}: ${c.support}.`)}`;
          row.push(text);
        }
      }
      rows.push(row);
      if (oursStats) {
        const peers = SDK_IDS.slice(1)
          .map((id) => {
            const c = evalResults[id]?.cases[`${key}/${mode}`];
            return c?.samples?.length ? `${LABEL[id]} ${ratio(summarize(c.samples).median, oursStats.median)}` : null;
          })
          .filter(Boolean);
        summary.push(`eval ${label}, ${modeLabel}: ours ${formatNs(oursStats.median)}; peer ÷ ours: ${peers.join(", ") || "–"}`);
      }
    }
  }
  out.push(table(["case", ...SDK_IDS.map((id) => LABEL[id])], rows), "");
  const problems = SDK_IDS.flatMap((id) => (evalResults[id]?.problems ?? []).map((p) => `${LABEL[id]}: ${p}`));
  out.push(
    problems.length
      ? `**Answer check failed** (an SDK gave a value other than the catalogue defines): ${[...new Set(problems)].join("; ")}`
      : "Before timing, each SDK's answers were checked against the catalogue's expected values for the bench user: all agreed.",
    "",
  );
  return out.join("\n");
}

function scaleSection(scale, notes, summary) {
  const out = ["## Scale: config load", ""];
  out.push(
    "One load = `JSON.parse` of the document text, building the client (victor-flags also validates the document; values are computed when first read; the peers do not validate), waiting until ready, one read. Retained heap = growth of the heap used after a forced GC per additional loaded client (median over batches). Catalogues: half plain flags, half percentage rollouts, plus a dependency chain.",
    "",
  );
  const counts = Object.keys(scale.victor ?? scale[SDK_IDS[1]] ?? {});
  const rows = [];
  for (const count of counts) {
    for (const [metric, label] of [["time", "load time"], ["heap", "retained heap"]]) {
      const ours = scale.victor?.[count];
      const oursStats = ours?.samples.length ? (metric === "time" ? summarize(ours.samples) : summarize(ours.retained)) : null;
      const row = [`${Number(count).toLocaleString("en")} flags, ${label}`];
      for (const id of SDK_IDS) {
        const s = scale[id]?.[count];
        if (!s || !s.samples.length) {
          row.push(`failed ${notes.ref(`${LABEL[id]} at ${count} flags: ${s?.errors[0] ?? "not run"}`)}`);
          continue;
        }
        const stats = metric === "time" ? summarize(s.samples) : summarize(s.retained);
        const format = metric === "time" ? formatMs : formatBytes;
        let text = cell(stats, format, oursStats, id === "victor");
        if (id === "openfeature" && metric === "time") text += ` ${notes.ref("OpenFeature: InMemoryProvider takes objects with functions, so its load includes mapping the JSON catalogue into them (user code).")}`;
        if ((id === "unleash" || id === "launchdarkly") && metric === "time") text += ` ${notes.ref(`${LABEL[id]}: loads values its service already evaluated for one user; there are no rules to read.`)}`;
        row.push(text);
      }
      rows.push(row);
      if (oursStats) {
        const format = metric === "time" ? formatMs : formatBytes;
        const peers = SDK_IDS.slice(1)
          .map((id) => {
            const s = scale[id]?.[count];
            if (!s?.samples.length) return null;
            const m = metric === "time" ? summarize(s.samples).median : summarize(s.retained).median;
            return `${LABEL[id]} ${ratio(m, oursStats.median)}`;
          })
          .filter(Boolean);
        summary.push(`scale ${count} flags ${label}: ours ${format(oursStats.median)}; peer ÷ ours: ${peers.join(", ")}`);
      }
    }
  }
  out.push(table(["catalogue", ...SDK_IDS.map((id) => LABEL[id])], rows), "");
  return out.join("\n");
}

function reactSection(react, notes, summary) {
  const out = ["## React", ""];
  const version = Object.values(react).find((r) => r.react)?.react;
  out.push(
    `React ${version ?? "?"} (react-dom/client, production build) on jsdom, one process per SDK. 1 000 consumers each read one of 100 boolean flags (10 per flag) through the SDK's boolean hook under its provider. **mount**: \`root.render\` until the last consumer committed its final value; **one flag**: a server change of one flag (10 consumers read it); **all flags**: a server change of all 100 flags. Changes arrive the way each SDK receives them (victor-flags: \`loadConfig\` of a new document, as its remote source does; GrowthBook: \`setPayload\`; OpenFeature: the provider's configuration-changed event; Unleash: a fetch answered in memory; LaunchDarkly: stream \`patch\`/\`put\` events). Time is **wall time** from delivering the change to the last consumer's layout effect (what a user waits for; three untimed rounds warm the JIT first), so it is more sensitive to a busy machine than the CPU times above: see the load average. Renders = consumer function calls; the ideal is 1 000 / 10 / 1 000.`,
    "",
  );
  const rows = [];
  for (const [phase, label] of [["mount", "mount 1 000 consumers"], ["one", "one flag changes"], ["all", "all flags change"]]) {
    for (const [metric, mlabel] of [["ms", "time"], ["renders", "renders"]]) {
      const ours = react.victor?.phases[phase]?.[metric];
      const oursStats = ours?.length ? summarize(ours) : null;
      const row = [`${label}, ${mlabel}`];
      for (const id of SDK_IDS) {
        const r = react[id];
        const values = r?.phases[phase]?.[metric];
        if (!values?.length) {
          row.push(`n/a ${notes.ref(`${LABEL[id]} (React): ${r?.errors[0] ?? "not run"}`)}`);
          continue;
        }
        const stats = summarize(values);
        if (metric === "renders") row.push(id === "victor" || !oursStats ? `${Math.round(stats.median)}` : `${Math.round(stats.median)} (${ratio(stats.median, oursStats.median)})`);
        else row.push(cell(stats, formatMs, oursStats, id === "victor"));
      }
      rows.push(row);
      if (oursStats) {
        const peers = SDK_IDS.slice(1)
          .map((id) => {
            const v = react[id]?.phases[phase]?.[metric];
            return v?.length ? `${LABEL[id]} ${ratio(summarize(v).median, oursStats.median)}` : null;
          })
          .filter(Boolean);
        summary.push(`react ${label} ${mlabel}: ours ${metric === "ms" ? formatMs(oursStats.median) : Math.round(oursStats.median)}; peer ÷ ours: ${peers.join(", ")}`);
      }
    }
  }
  out.push(table(["bench", ...SDK_IDS.map((id) => LABEL[id])], rows), "");
  out.push(...aboveBare(react, summary));
  return out.join("\n");
}

/**
 * Each SDK's time above the floor: a plain store of booleans read through React's own
 * useSyncExternalStore ("bare", same consumers, same changes). React's own work is in the floor,
 * so what is left is the SDK's plumbing: delivering the change, deciding who re-renders, hooks.
 */
function aboveBare(react, summary) {
  if (!aboveBareStore(react, "one", SDK_IDS)) return [];
  const rows = [];
  // One flag change only: it is the figure the floor is meant for (the SDK's plumbing around ten
  // re-renders). Mount and all-flags times are dominated by React's own work, and their run-to-run
  // noise is larger than what an SDK adds, so a difference there is noise (it even goes negative).
  for (const [phase, label] of [["one", "one flag changes"]]) {
    const { floor, above } = aboveBareStore(react, phase, SDK_IDS);
    const peers = PEERS.filter((id) => above[id] !== undefined);
    const best = peers.reduce((b, id) => (b === undefined || above[id] < above[b] ? id : b), undefined);
    const ours = above.victor;
    const share = ours !== undefined && best !== undefined && above[best] > 0 ? ours / above[best] : undefined;
    rows.push([label, formatMs(floor), ...SDK_IDS.map((id) => (above[id] === undefined ? "n/a" : formatMs(above[id]))), best ? `${LABEL[best]}: ${share === undefined ? "n/a" : `${share.toFixed(2)}×`}` : "n/a"]);
    if (share !== undefined) summary.push(`react ${label}, time above a bare useSyncExternalStore store: ours ${formatMs(ours)}, best peer ${LABEL[best]} ${formatMs(above[best])} (ours = ${share.toFixed(2)}× of it)`);
  }
  return [
    "Time **above a bare store** (a plain object of booleans with a listener set per flag, read through React's own `useSyncExternalStore`, measured the same way): the median of each SDK minus the bare store's. React's rendering is in the floor; what remains is each SDK's plumbing. Last column: ours as a share of the best peer's (below 1× we add less).",
    "",
    table(["bench", "bare store", ...SDK_IDS.map((id) => LABEL[id]), "ours ÷ best peer"], rows),
    "",
  ];
}

/** { markdown, summary } for a results object of run.mjs. */
export function report(results) {
  const notes = footnotes();
  const summary = [];
  const m = results.machine;
  const parts = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.mjs) on ${results.startedAt.slice(0, 10)}${results.quick ? " in --quick mode (fewer samples: indicative only)" : ""}; ${results.runs} run(s) per timing bench, total ${Math.round(results.totalSeconds)} s. How each bench works: docs/benchmarks.md.`,
    "",
    "Times are CPU time of the bench process (user + system, GC threads included), which a busy machine does not inflate the way it does wall-clock time. Numbers are medians of the pooled samples; ± is half the interquartile range as a share of the median. In parentheses: **peer ÷ victor-flags** — above 1× we are faster or smaller, below 1× the peer is. Every SDK runs offline from bootstrap or initial data; where one cannot, its cell says so.",
    "",
    "## Machine",
    "",
    table(["", ""], [["CPU", m.cpu], ["memory", m.memory], ["OS", m.os], ["Node", m.node], ["load average at start (1, 5, 15 min)", m.load]]),
    "",
    "## Versions",
    "",
    table(["package", "version"], Object.entries(results.versions).map(([k, v]) => [`\`${k}\``, v])),
    "",
  ];
  if (results.size) parts.push(sizeSection(results.size, notes, summary), "");
  if (results.eval) parts.push(evalSection(results.eval, notes, summary), "");
  if (results.scale) parts.push(scaleSection(results.scale, notes, summary), "");
  if (results.react) parts.push(reactSection(results.react, notes, summary), "");
  parts.push(notes.render(), "");
  return { markdown: parts.join("\n"), summary: summary.join("\n") };
}
