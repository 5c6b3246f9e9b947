import type { Resource } from '../../../api/wire.js';
import { ageSince } from './age.js';

/** One column of `pai get`: its header and how to read the cell from a resource. */
export interface Column {
  header: string;
  cell: (resource: Resource, now: Date) => string | undefined;
}

/** The columns of one kind: those always shown, and those `-o wide` adds. */
export interface KindColumns {
  columns: Column[];
  wide: Column[];
}

/** Reads a nested field without trusting the shape (resources are plain JSON). */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
const list = (value: unknown): string | undefined => (Array.isArray(value) && value.length > 0 ? value.map((v) => String(v)).join(',') : undefined);

/** Token budgets compactly: 200000 → 200k, 5000000 → 5M, 1500000 → 1.5M. */
export function compactCount(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const units: Array<[number, string]> = [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${Number((value / size).toFixed(1))}${suffix}`;
  }
  return String(value);
}

export const NAME_COLUMN: Column = { header: 'NAME', cell: (r) => r.metadata.name };
const NAME = NAME_COLUMN;
const AGE: Column = { header: 'AGE', cell: (r, now) => ageSince(r.metadata.creationTimestamp, now) };
export const NAMESPACE_COLUMN: Column = { header: 'NAMESPACE', cell: (r) => r.metadata.namespace };
const spec = (...path: string[]) => (r: Resource) => field(r.spec, ...path);

/**
 * The documented columns per kind (`NAME PROVIDER ENDPOINT MAX/DAY LAST USED AGE` for
 * model providers, `NAME KEYS AGE` for secrets, `NAME HARNESS MODELS AGE` for agents) and
 * sensible ones for the kinds the documentation shows no table for.
 */
const KIND_COLUMNS: Record<string, KindColumns> = {
  ModelProvider: {
    columns: [
      NAME,
      { header: 'PROVIDER', cell: (r) => text(spec('provider')(r)) },
      { header: 'ENDPOINT', cell: (r) => text(spec('endpoint')(r)) },
      { header: 'MAX/DAY', cell: (r) => compactCount(spec('maxTokensPerDay')(r)) },
      { header: 'LAST USED', cell: (r, now) => ageSince(field(r.status, 'lastUsed'), now) },
      AGE,
    ],
    wide: [
      { header: 'USED TODAY', cell: (r) => compactCount(field(r.status, 'tokensUsedToday')) },
      { header: 'ALLOWED MODELS', cell: (r) => list(spec('allowedModels')(r)) },
      { header: 'API KEY', cell: (r) => secretRef(spec('apiKeySecretRef', 'name')(r), spec('apiKeySecretRef', 'key')(r)) },
      { header: 'EXTERNAL', cell: (r) => (spec('externalAccess', 'enabled')(r) === true ? 'yes' : 'no') },
    ],
  },
  Secret: {
    columns: [NAME, { header: 'KEYS', cell: (r) => list(secretKeyNames(r)) }, AGE],
    wide: [],
  },
  Agent: {
    columns: [
      NAME,
      { header: 'HARNESS', cell: (r) => text(spec('harness')(r)) ?? 'default' },
      { header: 'MODELS', cell: (r) => list(spec('models')(r)) },
      AGE,
    ],
    wide: [
      { header: 'MODE', cell: (r) => (spec('longRunning')(r) === true ? 'long-running' : 'sessions') },
      { header: 'PROVIDERS', cell: (r) => list(spec('providers')(r)) },
      { header: 'IMAGE', cell: (r) => text(spec('image')(r)) },
    ],
  },
  Provider: {
    columns: [NAME, { header: 'TYPE', cell: (r) => text(spec('type')(r)) }, { header: 'HOST', cell: (r) => text(spec('host')(r)) }, AGE],
    wide: [
      { header: 'AUTH', cell: (r) => text(spec('auth', 'type')(r)) },
      { header: 'SECRET', cell: (r) => secretRef(spec('auth', 'secretRef')(r), spec('auth', 'secretKey')(r)) },
    ],
  },
  GuardBinding: {
    columns: [
      NAME,
      { header: 'CLASSIFIER', cell: (r) => text(spec('classifier', 'type')(r)) ?? 'promptGuard' },
      { header: 'ENDPOINT', cell: (r) => text(spec('classifier', 'endpoint')(r)) },
      AGE,
    ],
    wide: [{ header: 'INJECTION', cell: (r) => text(spec('thresholds', 'injection')(r)) }],
  },
  // The same columns as `pai access-key list` (which renders this table): the key's id, never the key.
  AccessKey: {
    columns: [
      NAME,
      { header: 'MODEL PROVIDERS', cell: (r) => list(spec('modelProviders')(r)) },
      { header: 'AGENT', cell: (r) => text(spec('agent')(r)) },
      { header: 'KEY', cell: (r) => text(field(r.status, 'keyId')) || 'none' },
      { header: 'MAX/DAY', cell: (r) => compactCount(spec('maxTokensPerDay')(r)) },
      { header: 'USED TODAY', cell: (r) => compactCount(field(r.status, 'tokensUsedToday')) },
      { header: 'LAST USED', cell: (r, now) => ageSince(field(r.status, 'lastUsed'), now) },
      { header: 'KEY AGE', cell: (r, now) => ageSince(field(r.status, 'keyCreatedAt'), now) },
    ],
    wide: [
      { header: 'PROVIDERS', cell: (r) => list(spec('providers')(r)) },
      { header: 'ALLOWED MODELS', cell: (r) => list(spec('allowedModels')(r)) },
      { header: 'ALLOWED CIDRS', cell: (r) => list(spec('allowedCIDRs')(r)) },
      AGE,
    ],
  },
};

const FALLBACK: KindColumns = { columns: [NAME, AGE], wide: [] };

/** The columns for a kind; unknown kinds get NAME and AGE. */
export function columnsFor(kind: string): KindColumns {
  return KIND_COLUMNS[kind] ?? FALLBACK;
}

/** The key names of a Secret, from `status.keys` (the server never returns values). */
export function secretKeyNames(resource: Resource): string[] {
  const keys = field(resource.status, 'keys');
  return Array.isArray(keys) ? keys.map((k) => text(field(k, 'name'))).filter((k): k is string => k !== undefined) : [];
}

function secretRef(name: unknown, key: unknown): string | undefined {
  const n = text(name);
  if (!n) return undefined;
  const k = text(key);
  return k ? `${n}/${k}` : n;
}
