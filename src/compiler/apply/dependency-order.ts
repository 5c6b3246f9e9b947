import { dependenciesOf } from '../check/dependencies.js';
import type { CheckedResource } from '../check/types.js';
import { keyId } from '../../api/diagnostic.js';

/**
 * The control plane refuses a reference to what does not exist yet (admission), so writes of one
 * kind that name each other — ModelProviders whose fallbacks use another ModelProvider — must go
 * in order: each after what it names. Returns levels (items of a level may be written at once)
 * of units: a unit of one is written alone; a larger unit names each other in a cycle and goes
 * in one batch, which the server admits as a whole.
 */
export function dependencyLevels<T>(items: readonly T[], needs: (item: T) => T[]): T[][][] {
  const edges = new Map<T, T[]>(items.map((item) => [item, needs(item).filter((n) => n !== item)]));
  const components = stronglyConnected(items, (item) => edges.get(item) ?? []);
  // Tarjan's algorithm yields a component after every component it needs: depth = 1 + theirs.
  const depthOf = new Map<T, number>();
  const levels: T[][][] = [];
  for (const component of components) {
    const members = new Set(component);
    let depth = 0;
    for (const item of component) for (const n of edges.get(item) ?? []) if (!members.has(n)) depth = Math.max(depth, depthOf.get(n)! + 1);
    for (const item of component) depthOf.set(item, depth);
    (levels[depth] ??= []).push(component);
  }
  return levels;
}

/** The items of `among` (by `kind/namespace/name`) that `r` names. */
export function namedAmong<T>(r: CheckedResource, among: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const d of dependenciesOf(r)) {
    const item = among.get(keyId({ kind: d.kind, namespace: r.key.namespace, name: d.name }));
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Tarjan's strongly connected components, each after the components it reaches. */
function stronglyConnected<T>(nodes: readonly T[], edges: (n: T) => T[]): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const out: T[][] = [];
  let next = 0;
  const visit = (v: T): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: T[] = [];
      let w: T;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}
