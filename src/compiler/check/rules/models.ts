import type { Catalog, CatalogProvider } from '../../catalog/catalog.js';
import { catalogProviderFor } from '../../catalog/catalog.js';
import type { Diagnostic } from '../../../api/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { parseModelRef } from '../../../api/model-ref.js';
import type { ResourceIndex } from '../resource-index.js';
import type { Finding } from '../../diagnostics/finding.js';
import type { CheckedResource } from '../types.js';
import { asArray, asString, at } from '../types.js';
import { allowedModelsIsSourceOfTruth } from './model-provider.js';

/** Gets the catalogue of a provider (memoized by the caller); undefined when none is known. */
export type CatalogSource = (provider: CatalogProvider) => Catalog | undefined;

type Problem = Omit<Diagnostic, 'resource' | 'range'>;

/** What the model checks need to know about one ModelProvider, worked out once per provider. */
interface ProviderView {
  allowed: string[];
  denied: Set<string>;
  sourceOfTruth: boolean;
  catalog: Catalog | undefined;
}

function providerViews(catalogs: CatalogSource): (manifest: Record<string, unknown>) => ProviderView {
  const views = new WeakMap<object, ProviderView>();
  return (manifest) => {
    let view = views.get(manifest);
    if (!view) {
      const spec = at(manifest, 'spec');
      view = {
        allowed: asArray(at(spec, 'allowedModels')).filter((m): m is string => typeof m === 'string'),
        denied: new Set(asArray(at(spec, 'deniedModels')).filter((m): m is string => typeof m === 'string')),
        sourceOfTruth: allowedModelsIsSourceOfTruth(spec),
        catalog: catalogFor(spec, catalogs),
      };
      views.set(manifest, view);
    }
    return view;
  };
}

/**
 * Model references (an Agent's `models`, a ModelProvider's `fallbacks`) and model lists
 * (`allowedModels` of native providers, an AccessKey's `allowedModels`) are checked against the
 * provider's allow/deny lists and, for native providers, the upstream catalogue and its lifecycle.
 */
export function checkModels<R extends CheckedResource>(resources: readonly R[], index: ResourceIndex, catalogs: CatalogSource): Finding<{ resource: R }>[] {
  const out: Finding<{ resource: R }>[] = [];
  const view = providerViews(catalogs);
  const report = (resource: R, pointer: string, p: Problem | undefined) => {
    if (p) out.push({ resource, pointer, target: 'value', diagnostic: p });
  };
  for (const r of resources) {
    const spec = at(r.manifest, 'spec');
    const ns = r.key.namespace;
    // An Agent's models, a ModelProvider's fallbacks; the pointer is built only for a problem.
    const refField = r.key.kind === 'Agent' ? 'models' : r.key.kind === 'ModelProvider' ? 'fallbacks' : undefined;
    if (refField) {
      const refs = asArray(at(spec, refField));
      for (let i = 0; i < refs.length; i++) {
        const p = checkModelRef(refs[i], ns, index, view);
        if (p) report(r, `/spec/${refField}/${i}`, p);
      }
    }

    if (r.key.kind === 'ModelProvider') {
      // The provider's own lists name model ids without the provider prefix.
      const { catalog: cat, sourceOfTruth } = view(r.manifest);
      if (cat) {
        asArray(at(spec, 'allowedModels')).forEach((m, i) => {
          if (typeof m !== 'string') return;
          const p = lifecycleProblem(m, cat, `${r.key.name}/${m}`);
          // Where allowedModels is the source of truth (NVIDIA NIM), the catalogue only informs.
          if (p && sourceOfTruth) {
            if (p.code === 'model-retired') report(r, `/spec/allowedModels/${i}`, { ...p, severity: 'warning' });
            return;
          }
          report(r, `/spec/allowedModels/${i}`, p);
        });
        // A typo in deniedModels leaves the model it meant allowed. Retired or deprecated entries are fine.
        if (!sourceOfTruth) {
          asArray(at(spec, 'deniedModels')).forEach((m, i) => {
            if (typeof m !== 'string') return;
            const p = lifecycleProblem(m, cat, `${r.key.name}/${m}`);
            if (p?.code === 'unknown-model') report(r, `/spec/deniedModels/${i}`, p);
          });
        }
      }
    }
    if (r.key.kind === 'AccessKey') {
      const bound = asArray(at(spec, 'modelProviders')).filter((n): n is string => typeof n === 'string');
      asArray(at(spec, 'allowedModels')).forEach((m, i) => {
        if (typeof m !== 'string' || bound.length === 0) return;
        const permitted = bound.some((name) => {
          const mp = index.get('ModelProvider', ns, name);
          return mp && !index.isUnchecked(mp) ? !allowDenyProblem(m, view(mp.manifest), `${name}/${m}`) : true;
        });
        if (!permitted) {
          report(r, `/spec/allowedModels/${i}`, { code: 'model-not-allowed', severity: 'error', message: `model "${m}" is not allowed by any of the bound ModelProviders (${bound.join(', ')})`, hint: 'an AccessKey can only narrow what its ModelProviders allow' });
        }
      });
    }
  }
  return out;
}

function checkModelRef(value: unknown, ns: string, index: ResourceIndex, view: (m: Record<string, unknown>) => ProviderView): Problem | undefined {
  if (typeof value !== 'string') return undefined; // the schema reports the type
  const ref = parseModelRef(value);
  if (!ref) {
    return { code: 'invalid-model-ref', severity: 'error', message: `"${value}" is not a model reference`, hint: 'write <provider-name>/<model-id>, e.g. anthropic/claude-sonnet-4-6, where provider-name is a ModelProvider\'s metadata.name' };
  }
  const provider = index.get('ModelProvider', ns, ref.provider);
  if (!provider) {
    const guesses = didYouMean(ref.provider, index.names('ModelProvider', ns));
    return {
      code: 'unknown-model-provider',
      severity: 'error',
      message: `ModelProvider "${ref.provider}" (from "${value}") does not exist in namespace "${ns}"`,
      hint: guesses[0] ? `did you mean "${guesses[0]}/${ref.model}"?` : `declare a ModelProvider named "${ref.provider}", or fix the prefix: it is the ModelProvider's metadata.name, not the vendor`,
    };
  }
  if (index.isUnchecked(provider)) return undefined; // its schema errors say what is wrong with it
  const pv = view(provider.manifest);
  const listed = allowDenyProblem(ref.model, pv, value);
  if (listed) return listed;
  // Where allowedModels decides, a known catalogue (NIM) adds only a lifecycle warning, reported on the provider.
  if (pv.sourceOfTruth) return undefined;
  return pv.catalog ? lifecycleProblem(ref.model, pv.catalog, value) : undefined;
}

/** deniedModels wins over allowedModels; an empty allowedModels allows all. */
function allowDenyProblem(model: string, pv: ProviderView, display: string): Problem | undefined {
  if (pv.denied.has(model)) {
    return { code: 'model-denied', severity: 'error', message: `model "${display}" is in the provider's deniedModels`, hint: 'deniedModels wins over allowedModels: pick another model or remove it from deniedModels' };
  }
  const allowed = pv.allowed;
  if (allowed.length > 0 && !allowed.includes(model)) {
    return { code: 'model-not-allowed', severity: 'error', message: `model "${display}" is not in the provider's allowedModels`, hint: notAllowedHint(model, pv) };
  }
  return undefined;
}

/**
 * Suggests only ids the provider could serve: where a catalogue decides, an allowedModels entry it
 * does not know (a typo, reported on the provider) is named as the likely cause, never proposed.
 */
function notAllowedHint(model: string, pv: ProviderView): string {
  const cat = pv.sourceOfTruth ? undefined : pv.catalog;
  const closest = didYouMean(model, pv.allowed)[0];
  if (cat && closest && cat.lookup(closest).state === 'unknown') {
    return `allowedModels lists "${closest}", which is not in the ${cat.provider} catalogue: a typo for "${model}"?`;
  }
  const known = cat ? pv.allowed.filter((m) => cat.lookup(m).state !== 'unknown') : pv.allowed;
  const guess = didYouMean(model, known)[0];
  return guess ? `did you mean "${guess}"?` : known.length > 0 ? `allowed: ${known.join(', ')}` : 'add it to the provider\'s allowedModels';
}

function catalogFor(spec: unknown, catalogs: CatalogSource): Catalog | undefined {
  const provider = asString(at(spec, 'provider'));
  if (!provider) return undefined;
  const which = catalogProviderFor({ provider, endpoint: asString(at(spec, 'endpoint')) });
  return which ? catalogs(which) : undefined;
}

function lifecycleProblem(model: string, cat: Catalog, display: string): Problem | undefined {
  const status = cat.lookup(model);
  switch (status.state) {
    case 'active':
      return undefined;
    case 'deprecated':
      return {
        code: 'model-deprecated',
        severity: 'warning',
        message: `model "${display}" is deprecated${status.shutdownOn ? ` and shuts down on ${status.shutdownOn}` : ''}`,
        ...(status.replacement ? { hint: `move to "${status.replacement}"` } : {}),
      };
    case 'retired':
      return {
        code: 'model-retired',
        severity: 'error',
        message: `model "${display}" was retired by ${cat.provider}${status.retiredOn ? ` on ${status.retiredOn}` : ''}`,
        hint: status.replacement ? `use "${status.replacement}" instead` : 'pick a current model (pai catalog ' + cat.provider + ')',
      };
    case 'unknown':
      return {
        code: 'unknown-model',
        severity: 'error',
        message: `model "${display}" is not in the ${cat.provider} catalogue (${cat.source === 'cache' ? 'refreshed' : 'snapshot of'} ${cat.source === 'cache' ? cat.fetchedAt?.slice(0, 10) : cat.snapshotDate})`,
        hint: status.suggestions[0] ? `did you mean "${status.suggestions[0]}"?` : 'if the model is new, run `pai catalog refresh`',
      };
  }
}
