// Dependencies form a graph over flag names. Validation rejects cycles, so the evaluator and the
// store can rely on a topological order. Every walk here keeps its own stack instead of
// recursing: a valid 10 000-flag chain must not overflow the call stack.

import { hasOwn } from "./safe-record.js";

type Graph = Readonly<Record<string, readonly string[]>>;

/**
 * Every cycle reachable in the graph (at most `limit`), each as its members in order with the
 * first repeated. Each cycle is found once, by the edge that closes it (edge lists must not
 * repeat a name, which validation ensures).
 */
export function findCycles(deps: Graph, limit = Infinity): string[][] {
  const state = new Map<string, 1 | 2>(); // 1 = on the path, 2 = done
  const path: string[] = [];
  const edge: number[] = []; // next edge to follow, per path member
  const cycles: string[][] = [];
  const enter = (node: string): void => {
    state.set(node, 1);
    path.push(node);
    edge.push(0);
  };
  for (const root of Object.keys(deps)) {
    if (state.has(root)) continue;
    enter(root);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const edges = deps[node] ?? [];
      const i = edge[top] as number;
      if (i >= edges.length) {
        path.pop();
        edge.pop();
        state.set(node, 2);
        continue;
      }
      edge[top] = i + 1;
      const next = edges[i] as string;
      if (!hasOwn(deps, next)) continue;
      const s = state.get(next);
      if (s === undefined) enter(next);
      else if (s === 1) {
        cycles.push([...path.slice(path.lastIndexOf(next)), next]);
        if (cycles.length >= limit) return cycles;
      }
    }
  }
  return cycles;
}

/** Names in an order where each flag comes after all of its dependencies (graph must be acyclic). */
export function topologicalOrder(deps: Graph): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const edge: number[] = [];
  for (const root of Object.keys(deps)) {
    if (done.has(root)) continue;
    done.add(root);
    path.push(root);
    edge.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const edges = deps[node] ?? [];
      const i = edge[top] as number;
      if (i >= edges.length) {
        path.pop();
        edge.pop();
        order.push(node);
        continue;
      }
      edge[top] = i + 1;
      const next = edges[i] as string;
      if (hasOwn(deps, next) && !done.has(next)) {
        done.add(next);
        path.push(next);
        edge.push(0);
      }
    }
  }
  return order;
}

/** For each flag, the flags that depend on it directly. */
export function directDependents(deps: Graph): Map<string, string[]> {
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
