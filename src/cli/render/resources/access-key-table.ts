import type { Resource } from '../../../api/wire.js';
import { field } from './columns.js';

/** One AccessKey as `pai access-key list --json` shows it: never the key, only its id. */
export interface AccessKeyListItem {
  namespace: string;
  name: string;
  modelProviders: string[];
  agent: string | null;
  /** 8 hex digits of the key's SHA-256, or null when the AccessKey has no key (revoked, or
   * applied from git and never rotated). */
  keyId: string | null;
  keyCreatedAt: string | null;
  maxTokensPerDay: number | null;
  tokensUsedToday: number | null;
  lastUsed: string | null;
}

/** The list items of AccessKey resources. */
export function accessKeyItems(resources: readonly Resource[]): AccessKeyListItem[] {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return resources.map((r) => ({
    namespace: r.metadata.namespace,
    name: r.metadata.name,
    modelProviders: Array.isArray(r.spec.modelProviders) ? r.spec.modelProviders.map(String) : [],
    agent: str(r.spec.agent),
    keyId: str(field(r.status, 'keyId')),
    keyCreatedAt: str(field(r.status, 'keyCreatedAt')),
    maxTokensPerDay: num(r.spec.maxTokensPerDay),
    tokensUsedToday: num(field(r.status, 'tokensUsedToday')),
    lastUsed: str(field(r.status, 'lastUsed')),
  }));
}
