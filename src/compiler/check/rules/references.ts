import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { ResourceIndex } from '../resource-index.js';
import type { Finding } from '../../diagnostics/finding.js';
import type { CheckedResource } from '../types.js';
import { asArray, asString, at } from '../types.js';

/** A reference from one resource to another of `kind`, by name, in the same namespace. */
interface NamedRef {
  kind: string;
  name: string;
  pointer: string;
}

/** A reference to a key of a Secret. */
interface SecretRef {
  name: string;
  key?: string;
  pointer: string;
}

export function namedRefs(r: CheckedResource): NamedRef[] {
  const spec = at(r.manifest, 'spec');
  const refs: NamedRef[] = [];
  const push = (kind: string, value: unknown, pointer: string) => {
    if (typeof value === 'string' && value) refs.push({ kind, name: value, pointer });
  };
  asArray(at(spec, 'guards')).forEach((g, i) => push('GuardBinding', at(g, 'binding'), `/spec/guards/${i}/binding`));
  if (r.key.kind === 'Agent') asArray(at(spec, 'providers')).forEach((p, i) => push('Provider', p, `/spec/providers/${i}`));
  if (r.key.kind === 'AccessKey') {
    asArray(at(spec, 'modelProviders')).forEach((p, i) => push('ModelProvider', p, `/spec/modelProviders/${i}`));
    asArray(at(spec, 'providers')).forEach((p, i) => push('Provider', p, `/spec/providers/${i}`));
    push('Agent', at(spec, 'agent'), '/spec/agent');
  }
  return refs;
}

export function secretRefs(r: CheckedResource): SecretRef[] {
  const spec = at(r.manifest, 'spec');
  const refs: SecretRef[] = [];
  const push = (name: unknown, key: unknown, pointer: string) => {
    if (typeof name === 'string' && name) refs.push({ name, key: asString(key), pointer });
  };
  if (r.key.kind === 'ModelProvider') push(at(spec, 'apiKeySecretRef', 'name'), at(spec, 'apiKeySecretRef', 'key') ?? 'api-key', '/spec/apiKeySecretRef/name');
  if (r.key.kind === 'Agent') asArray(at(spec, 'env')).forEach((e, i) => push(at(e, 'secretRef', 'name'), at(e, 'secretRef', 'key'), `/spec/env/${i}/secretRef/name`));
  if (r.key.kind === 'Provider') push(at(spec, 'auth', 'secretRef'), at(spec, 'auth', 'secretKey') ?? 'token', '/spec/auth/secretRef');
  if (r.key.kind === 'GuardBinding') push(at(spec, 'classifier', 'auth', 'secretRef'), at(spec, 'classifier', 'auth', 'secretKey') ?? 'token', '/spec/classifier/auth/secretRef');
  return refs;
}

/** The keys a Secret is known to hold, or undefined when that cannot be known (declared without values). */
function secretKeys(secret: CheckedResource, index: ResourceIndex): Set<string> | undefined {
  if (index.isUnchecked(secret)) return undefined;
  if (index.isLive(secret)) {
    const keys = asArray(at(secret.manifest, 'status', 'keys')).map((k) => asString(at(k, 'name'))).filter((k): k is string => !!k);
    // A live Secret without any value is a placeholder (applied by name, values set out of band),
    // judged as a declared one without values: its keys are not known yet.
    return keys.length > 0 ? new Set(keys) : undefined;
  }
  const spec = at(secret.manifest, 'spec');
  const names = [...Object.keys((at(spec, 'stringData') as object) ?? {}), ...Object.keys((at(spec, 'data') as object) ?? {})];
  return names.length > 0 ? new Set(names) : undefined;
}

/**
 * Every reference resolves in the same namespace. Secrets are usually created out of band (values
 * never live in git), so offline an unresolved secret is a warning; against a live control plane
 * (plan) it is an error.
 */
export function checkReferences<R extends CheckedResource>(resources: readonly R[], index: ResourceIndex, online: boolean): Finding<{ resource: R }>[] {
  const out: Finding<{ resource: R }>[] = [];
  for (const r of resources) {
    const ns = r.key.namespace;
    for (const ref of namedRefs(r)) {
      if (index.get(ref.kind, ns, ref.name)) continue;
      const guesses = didYouMean(ref.name, index.names(ref.kind, ns));
      out.push({
        resource: r,
        pointer: ref.pointer,
        target: 'value',
        diagnostic: {
          code: 'unresolved-reference',
          severity: 'error',
          message: `${ref.kind} "${ref.name}" does not exist in namespace "${ns}"`,
          hint: guesses[0] ? `did you mean "${guesses[0]}"?` : `declare a ${ref.kind} named "${ref.name}" in namespace "${ns}"`,
        },
      });
    }
    for (const ref of secretRefs(r)) {
      const secret = index.get('Secret', ns, ref.name);
      const severity = online ? 'error' : 'warning';
      const unresolved = (message: string, hint: string) => out.push({ resource: r, pointer: ref.pointer, target: 'value', diagnostic: { code: 'unresolved-secret', severity, message, hint } });
      if (!secret) {
        const guesses = didYouMean(ref.name, index.names('Secret', ns));
        unresolved(
          `Secret "${ref.name}" is not declared in namespace "${ns}"${online ? ' nor present in the control plane' : ''}`,
          guesses[0] ? `did you mean "${guesses[0]}"?` : `create it out of band: pai create secret ${ref.name} --from-literal ${ref.key ?? 'api-key'}=…${ns !== 'default' ? ` -n ${ns}` : ''}`,
        );
        continue;
      }
      const keys = secretKeys(secret, index);
      if (ref.key && keys && !keys.has(ref.key)) {
        unresolved(`Secret "${ref.name}" has no key "${ref.key}"`, keys.size > 0 ? `its keys are: ${[...keys].sort().join(', ')}` : 'add the key to the Secret');
      }
    }
  }
  return out;
}
