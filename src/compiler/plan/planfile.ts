import type { Plan } from './types.js';
import { keyId } from '../../api/diagnostic.js';

/** Format version of saved plan files; bump on any incompatible change. */
export const PLANFILE_FORMAT_VERSION = 1;

/**
 * A saved plan (`pai plan --out plan.json`). It holds no manifests and no secret values: apply
 * recompiles `path` and refuses when the result's digest differs from `desiredDigest`, and
 * re-reads the live state and refuses when any object the plan touches has moved on.
 */
export interface PlanFile {
  formatVersion: typeof PLANFILE_FORMAT_VERSION;
  kind: 'PaiPlan';
  createdAt: string;
  toolVersion: string;
  /** The manifests' path as given to plan, resolved to an absolute path. */
  path: string;
  server: string;
  desiredDigest: string;
  /** resourceVersion of each live object the plan will write, or null where it must not exist. */
  liveVersions: Record<string, string | null>;
  plan: Plan;
}

export function buildPlanFile(args: { plan: Plan; path: string; server: string; desiredDigest: string; toolVersion: string; now?: Date }): PlanFile {
  const liveVersions: Record<string, string | null> = {};
  for (const c of args.plan.changes) {
    if (c.action === 'no-op') continue;
    liveVersions[keyId(c.key)] = c.action === 'create' ? null : (c.liveResourceVersion ?? null);
  }
  return {
    formatVersion: PLANFILE_FORMAT_VERSION,
    kind: 'PaiPlan',
    createdAt: (args.now ?? new Date()).toISOString(),
    toolVersion: args.toolVersion,
    path: args.path,
    server: args.server,
    desiredDigest: args.desiredDigest,
    liveVersions,
    plan: args.plan,
  };
}

/** Parses a plan file, or explains why it is not one. */
export function parsePlanFile(text: string): PlanFile | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const f = data as Partial<PlanFile>;
  if (f?.kind !== 'PaiPlan') return 'it is not a pai plan file (kind is not "PaiPlan")';
  if (f.formatVersion !== PLANFILE_FORMAT_VERSION) return `it has format version ${String(f.formatVersion)}; this pai reads version ${PLANFILE_FORMAT_VERSION}`;
  if (typeof f.path !== 'string' || typeof f.desiredDigest !== 'string' || !f.plan || typeof f.liveVersions !== 'object') return 'it is incomplete';
  return f as PlanFile;
}

/**
 * What moved since the plan was saved, one line per object; empty when the plan still holds.
 * `current` maps every live object's key to its resourceVersion now.
 */
export function staleness(file: PlanFile, desiredDigest: string, current: ReadonlyMap<string, string>): string[] {
  const moved: string[] = [];
  if (desiredDigest !== file.desiredDigest) moved.push(`the manifests under ${file.path} changed since the plan was made`);
  for (const [key, version] of Object.entries(file.liveVersions)) {
    const now = current.get(key);
    if (version === null && now !== undefined) moved.push(`${key} now exists (resourceVersion ${now}); the plan would create it`);
    else if (version !== null && now === undefined) moved.push(`${key} was deleted since the plan was made`);
    else if (version !== null && now !== version) moved.push(`${key} changed: resourceVersion ${version} → ${now}`);
  }
  return moved;
}
