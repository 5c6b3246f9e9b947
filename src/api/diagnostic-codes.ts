/**
 * The closed set of diagnostic codes. Each code is stable: users grep for it, CI annotations link
 * to it, tests assert on it. `docs/diagnostics.md` is generated from this table plus the example
 * under `fixtures/invalid/<code>/`, so every code is documented with a real input.
 */
export const DIAGNOSTIC_CODES = {
  // load/ — reading files and YAML
  'path-not-found': { stage: 'load', summary: 'A path given on the command line does not exist or cannot be read.' },
  'file-too-large': { stage: 'load', summary: 'A file is larger than the size limit (1 MiB) and was not parsed.' },
  'not-yaml': { stage: 'load', summary: 'A file is not text (binary content, invalid UTF-8).' },
  'yaml-syntax': { stage: 'load', summary: 'The YAML cannot be parsed.' },
  'yaml-duplicate-key': { stage: 'load', summary: 'A mapping has the same key twice; YAML forbids it and tools disagree on which wins.' },
  'yaml-tab-indent': { stage: 'load', summary: 'A tab character is used for indentation; YAML allows only spaces.' },
  'yaml-alias-limit': { stage: 'load', summary: 'Aliases expand to too many nodes (a "billion laughs" document); the document was not expanded.' },
  'empty-document': { stage: 'load', summary: 'A pai manifest file contains an empty document (e.g. a stray `---`).' },
  'missing-api-version': { stage: 'load', summary: 'A document has pai fields but no `apiVersion`.' },
  'missing-kind': { stage: 'load', summary: 'A document has an `apiVersion` of pai.io but no `kind`.' },
  'unknown-api-version': { stage: 'load', summary: 'The `apiVersion` is in the pai.io group but not a version this pai understands.' },
  'unknown-kind': { stage: 'load', summary: 'The `kind` is not a pai.io/v1 kind.' },
  'not-a-mapping': { stage: 'load', summary: 'A pai document is not a mapping (e.g. a list or a plain string).' },

  // validate/ — JSON Schema
  'schema-unknown-field': { stage: 'validate', summary: 'A field that the schema does not define; often a typo.' },
  'schema-required': { stage: 'validate', summary: 'A required field is missing.' },
  'schema-type': { stage: 'validate', summary: 'A value has the wrong type (e.g. a string where a number belongs).' },
  'schema-enum': { stage: 'validate', summary: 'A value is not one of the allowed values.' },
  'schema-format': { stage: 'validate', summary: 'A value does not have the required format (URL, CIDR, DNS-1123 name …).' },
  'schema-range': { stage: 'validate', summary: 'A number or list is outside its allowed range or size.' },
  'schema-invalid': { stage: 'validate', summary: 'Any other schema violation.' },

  // check/ — rules across fields and resources
  'invalid-model-ref': { stage: 'check', summary: 'A model reference is not of the form `<provider-name>/<model-id>`.' },
  'unknown-model-provider': { stage: 'check', summary: 'A model reference names a ModelProvider that is not declared (nor live).' },
  'model-denied': { stage: 'check', summary: "A model is listed in the provider's `deniedModels` (which wins over `allowedModels`)." },
  'model-not-allowed': { stage: 'check', summary: "A model is not in the provider's non-empty `allowedModels`." },
  'unknown-model': { stage: 'check', summary: "A model is not in the provider's upstream catalogue." },
  'model-retired': { stage: 'check', summary: 'A model has been retired by its provider; calls to it fail.' },
  'model-deprecated': { stage: 'check', summary: 'A model is deprecated and will be shut down.' },
  'allowed-models-required': { stage: 'check', summary: 'An OpenAI-compatible endpoint (custom endpoint, vllm, azure-openai) needs a non-empty `allowedModels`.' },
  'endpoint-required': { stage: 'check', summary: '`endpoint` is required for `azure-openai` and `vllm` providers.' },
  'api-version-required': { stage: 'check', summary: '`spec.apiVersion` is required for `azure-openai` providers.' },
  'api-key-secret-required': { stage: 'check', summary: '`apiKeySecretRef` is required for every provider but an unauthenticated `vllm`.' },
  'unresolved-secret': { stage: 'check', summary: 'A secret reference names a Secret (or a key) that is not declared; offline this is a warning.' },
  'unresolved-reference': { stage: 'check', summary: 'A reference to another resource (Provider, GuardBinding, Agent, ModelProvider) does not resolve in the same namespace.' },
  'inline-api-key': { stage: 'check', summary: 'An API key is written inline in a manifest; keys belong in a Secret.' },
  'run-as-root': { stage: 'check', summary: '`runAsUser: 0` (root) is refused.' },
  'image-required': { stage: 'check', summary: '`harness: custom` and `longRunning: true` need an `image`.' },
  'long-running-harness': { stage: 'check', summary: '`longRunning: true` requires `harness: custom`.' },
  'long-running-triggers': { stage: 'check', summary: 'A long-running Agent takes no `triggers`.' },
  'too-many-memories': { stage: 'check', summary: 'An Agent mounts more than 8 memories.' },
  'duplicate-mount-path': { stage: 'check', summary: 'Two mounts of an Agent use the same `mountPath`.' },
  'budget-inconsistent': { stage: 'check', summary: 'Token budgets contradict each other (per-request above per-day, external above the provider total).' },
  'external-access-disabled': { stage: 'check', summary: 'An AccessKey binds a ModelProvider or Provider that does not have `externalAccess.enabled`.' },
  'endpoint-credentials': { stage: 'check', summary: 'An endpoint URL holds credentials (`user:password@`); keys belong in a Secret.' },
  'duplicate-resource': { stage: 'check', summary: 'Two documents declare the same kind, namespace and name; reported at both.' },
  'secret-values-in-config': { stage: 'check', summary: 'A Secret in the configuration has values under `data`/`stringData`; values are set out of band with `pai create secret` and never live in git (they are never shown).' },

  // plan — against the live control plane
  'owned-by-another-source': { stage: 'plan', summary: 'A declared resource is managed by another source (repository and path); a plan takes it over only with `--adopt`.' },
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
