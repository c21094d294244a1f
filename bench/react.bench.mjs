// React benches for one SDK, in a process of its own, on jsdom with React's production build.
// Usage: NODE_ENV=production node bench/react.bench.mjs <sdk>
// Prints one JSON line: { sdk, react, phases: { mount|one|all: { ms: [...], renders: [...] } } }.
//
// 1 000 consumer components each read one of 100 boolean flags (consumer i reads flag i % 100)
// through the SDK's boolean hook, under the SDK's provider.
//   mount: createRoot().render() until the last consumer has committed its final value;
//   one:   a server change of one flag (10 consumers read it) until the last commit;
//   all:   a server change of all 100 flags (every consumer's value moves).
// Time is wall time from the call that delivers the change to the last consumer's layout effect,
// so it covers the SDK's own plumbing and React's work. Renders count consumer function calls.
// React and jsdom keep getting faster for several rounds as the JIT warms up, so three untimed
// rounds come first.
import { installDom } from "./lib/dom.mjs";

installDom();
const id = process.argv[2];
const QUICK = process.env.BENCH_QUICK === "1";
const REPS = QUICK ? 2 : 8;
const CONSUMERS = 1000;

const React = await import("react");
const { createRoot } = await import("react-dom/client");
const { REACT_SDKS, UI_FLAGS, initialValues } = await import("./lib/react-sdks.mjs");
const { createElement: h, useLayoutEffect } = React;

const sdk = REACT_SDKS[id];
if (!sdk) throw new Error(`unknown sdk "${id}"; one of ${Object.keys(REACT_SDKS).join(", ")}`);

let renders = 0;
let lastCommit = 0;
const shown = new Array(CONSUMERS).fill(undefined);

function makeApp(instance) {
  function Consumer({ index, name }) {
    const on = instance.useBool(name);
    renders++;
    shown[index] = on;
    useLayoutEffect(() => {
      lastCommit = performance.now();
    });
    return h("span", null, on ? "1" : "0");
  }
  const children = [];
  for (let i = 0; i < CONSUMERS; i++) children.push(h(Consumer, { key: i, index: i, name: UI_FLAGS[i % UI_FLAGS.length] }));
  return instance.wrap(h("div", null, children));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until React and the SDK are quiet: no render for several consecutive ticks. */
async function settle() {
  let quiet = 0;
  let seen = renders;
  for (let i = 0; i < 2000 && quiet < 6; i++) {
    await tick();
    if (renders === seen) quiet++;
    else {
      quiet = 0;
      seen = renders;
    }
  }
}

function assertShown(values, phase) {
  for (let i = 0; i < CONSUMERS; i++) {
    const want = values[UI_FLAGS[i % UI_FLAGS.length]];
    if (shown[i] !== want) throw new Error(`${id} ${phase}: consumer ${i} shows ${shown[i]}, expected ${want}`);
  }
}

/**
 * { ms, renders } of one action: wall time from the call to the last consumer's layout effect.
 * Wall time, unlike the CPU time of the other benches, is what a user waits for here, and it
 * ends at a precise point (the last commit) rather than at "quiet", which needs idle waiting.
 */
async function measure(action) {
  renders = 0;
  lastCommit = 0;
  const t0 = performance.now();
  await action();
  await settle();
  return { ms: Math.max(0, lastCommit - t0), renders };
}

const phases = Object.fromEntries(["mount", "one", "all"].map((p) => [p, { ms: [], renders: [] }]));
const record = (phase, r) => {
  for (const key of ["ms", "renders"]) phases[phase][key].push(r[key]);
};

for (let rep = -3; rep < REPS; rep++) {
  let values = initialValues();
  const instance = await sdk.setup(values);
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  const app = makeApp(instance);

  const mount = await measure(async () => root.render(app));
  assertShown(values, "mount");

  values = { ...values, [UI_FLAGS[7]]: !values[UI_FLAGS[7]] };
  const one = await measure(() => instance.update(values));
  assertShown(values, "one flag change");

  values = Object.fromEntries(UI_FLAGS.map((name) => [name, !values[name]]));
  const all = await measure(() => instance.update(values));
  assertShown(values, "all flags change");

  root.unmount();
  container.remove();
  await instance.dispose();
  await settle();
  if (rep >= 0) {
    record("mount", mount);
    record("one", one);
    record("all", all);
  }
}

process.stdout.write(`${JSON.stringify({ sdk: id, react: React.version, phases })}\n`);
process.exit(0);
