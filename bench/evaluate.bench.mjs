// Evaluation cost of one SDK, ns of CPU time per call (lib/clock.mjs), in a process of its own (so one SDK's code does not
// make another's call sites megamorphic). Usage: node bench/evaluate.bench.mjs <sdk>
// Prints one JSON line: { sdk, cases: { "<case>/<warm|context>": { samples: [ns...] } | { skipped } } }.
//
// warm:    the same call again and again for the same user, as a render does.
// context: a context change (a different user each time) followed by that call: what the first
//          read after a login or user switch costs, SDK work on the change included.
import { catalogue, expectedValues, variantOf } from "./lib/fixtures.mjs";
import { SDKS, BENCH_FLAGS } from "./lib/sdks.mjs";
import { cpuNs } from "./lib/clock.mjs";

const id = process.argv[2];
const sdk = SDKS[id];
if (!sdk) throw new Error(`unknown sdk "${id}"; one of ${Object.keys(SDKS).join(", ")}`);

const QUICK = process.env.BENCH_QUICK === "1";
const SAMPLES = QUICK ? 5 : 12;
const SAMPLE_MS = QUICK ? 10 : 25;
const WARMUP_MS = QUICK ? 100 : 250;
const USERS = Array.from({ length: 1024 }, (_, i) => `user-${i}`);
const flags = catalogue(30);
const subject = "user-7";

const instance = await sdk.create(flags, subject);

const CASES = {
  plain: () => instance.bool(BENCH_FLAGS.plain),
  rollout: () => instance.bool(BENCH_FLAGS.rollout),
  variant: () => instance.variant(BENCH_FLAGS.experiment),
  chain: () => instance.bool(BENCH_FLAGS.chain),
};

// Before timing anything: the SDK must give the answers the catalogue defines.
function check() {
  const problems = [];
  const expected = expectedValues(flags, subject);
  const want = {
    plain: expected[BENCH_FLAGS.plain],
    rollout: expected[BENCH_FLAGS.rollout],
    chain: expected[BENCH_FLAGS.chain],
    variant: variantOf(BENCH_FLAGS.experiment, subject),
  };
  for (const [name, read] of Object.entries(CASES)) {
    if (!runnable(name)) continue;
    const got = read();
    if (got !== want[name]) problems.push(`${name}: got ${got}, want ${want[name]}`);
  }
  return problems;
}

function runnable(name) {
  const s = instance.support[name];
  return s === "local" || s === "server" || s.startsWith("local ");
}

let sink = 0;

/**
 * Runs `batch(n)` (which returns elapsed ns for n calls) until the code is warm: batches grow
 * until one fills a sample, and warming goes on for WARMUP_MS in total. Returns the batch size
 * that fills one sample. Calibrating on cold code would size samples at a few dozen calls.
 */
async function calibrate(batch) {
  const sample = SAMPLE_MS * 1e6;
  let n = 16;
  let spent = 0;
  let ns = 0;
  // grow until one batch takes at least half a sample (the CPU clock ticks in microseconds)
  for (;;) {
    ns = await batch(n);
    spent += ns;
    if (spent >= WARMUP_MS * 1e6 && ns >= sample / 2) break;
    if (ns < sample) n *= 2;
  }
  return Math.max(1, Math.round((n * sample) / ns));
}

/** ns per call of a synchronous function, one sample per ~SAMPLE_MS batch. */
async function timeSync(fn) {
  const batch = (n) => {
    const t0 = cpuNs();
    for (let i = 0; i < n; i++) if (fn()) sink++;
    return cpuNs() - t0;
  };
  const n = await calibrate(batch);
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) samples.push(batch(n) / n);
  return samples;
}

/** ns per (context change + call); awaits the change when the SDK's API is asynchronous. */
async function timeAfterContext(fn) {
  let u = 0;
  const once = async (count) => {
    const t0 = cpuNs();
    for (let i = 0; i < count; i++) {
      const pending = instance.setContext(USERS[u++ & 1023]);
      if (pending && typeof pending.then === "function") await pending;
      if (fn()) sink++;
    }
    return cpuNs() - t0;
  };
  const n = await calibrate(once);
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) samples.push((await once(n)) / n);
  return samples;
}

const problems = check();
const cases = {};
for (const [name, fn] of Object.entries(CASES)) {
  const support = instance.support[name];
  if (!runnable(name)) {
    cases[`${name}/warm`] = { skipped: support };
    cases[`${name}/context`] = { skipped: support };
    continue;
  }
  cases[`${name}/warm`] = { samples: await timeSync(fn), support };
  if (typeof instance.setContext !== "function") {
    cases[`${name}/context`] = { skipped: instance.support.context };
  } else {
    cases[`${name}/context`] = { samples: await timeAfterContext(fn), support };
  }
}
await instance.close?.();
process.stdout.write(`${JSON.stringify({ sdk: id, problems, cases, sink: sink > 0 })}\n`);
process.exit(0);
