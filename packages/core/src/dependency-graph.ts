// Dependencies form a graph over flag names. Validation rejects cycles, so the evaluator and the
// store can rely on a topological order.

/** Every cycle reachable in the graph, each as its members in order with the first repeated. */
export function findCycles(deps: Readonly<Record<string, readonly string[]>>): string[][] {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (node: string): void => {
    state.set(node, 1);
    stack.push(node);
    for (const next of deps[node] ?? []) {
      if (!(next in deps)) continue;
      const s = state.get(next);
      if (s === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        // one report per cycle, whichever member the walk entered it by
        const key = [...cycle].sort().join("\0");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, next]);
        }
      } else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 2);
  };
  for (const node of Object.keys(deps)) if (!state.has(node)) visit(node);
  return cycles;
}

/** Names in an order where each flag comes after all of its dependencies (graph must be acyclic). */
export function topologicalOrder(deps: Readonly<Record<string, readonly string[]>>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (node: string): void => {
    if (done.has(node)) return;
    done.add(node);
    for (const next of deps[node] ?? []) if (next in deps) visit(next);
    order.push(node);
  };
  for (const node of Object.keys(deps)) visit(node);
  return order;
}

/** For each flag, the flags that depend on it directly. */
export function directDependents(deps: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of Object.keys(deps)) {
    for (const dep of deps[node] ?? []) {
      const list = out.get(dep);
      if (list) list.push(node);
      else out.set(dep, [node]);
    }
  }
  return out;
}

/** `name` followed by every flag that depends on it, transitively. */
export function withTransitiveDependents(name: string, dependents: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>([name]);
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    for (const d of dependents.get(next) ?? []) {
      if (!out.has(d)) {
        out.add(d);
        queue.push(d);
      }
    }
  }
  return out;
}
