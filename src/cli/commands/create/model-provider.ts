import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';
import { buildModelProviderOperations, MODEL_PROVIDER_TYPES } from '../../model-provider-manifest.js';
import { readSecretFromStdin } from '../../read-input.js';

/** The `--json` payload of `pai create model-provider`: what was created, never the key. */
export interface CreateModelProviderResult {
  formatVersion: 1;
  created: Array<{ kind: string; namespace: string; name: string }>;
}

export default class CreateModelProvider extends ControlPlaneCommand {
  static override summary = 'Create a ModelProvider, storing its API key in a Secret.';
  static override description = `With an API key, one transaction creates the Secret <name>-api-key (key api-key) and the
ModelProvider pointing at it; if either fails, neither is created.

Where the key comes from, safest first:
  --api-key -         read it from stdin (printf %s "$KEY" | pai create model-provider …)
  PAI_API_KEY=…       the environment, when --api-key is not given
  --api-key VALUE     works, but the key ends up in your shell history
Or reference a Secret that already holds it: --api-key-secret NAME:KEY.
The key is never printed, not even in errors or --json output.`;
  static override examples = [
    `<%= config.bin %> create model-provider nvidia --provider openai --endpoint https://integrate.api.nvidia.com/v1 --allowed-models "z-ai/glm4.7,meta/llama-3.1-70b-instruct" --api-key -`,
    '<%= config.bin %> create model-provider anthropic --provider anthropic --api-key-secret anthropic-key:api-key --max-tokens-per-day 5000000',
  ];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the ModelProvider (the prefix of model references: <name>/<model>)', required: true }) };
  static override flags = {
    provider: Flags.string({ description: 'the vendor API', options: [...MODEL_PROVIDER_TYPES], required: true }),
    endpoint: Flags.string({ description: 'API base URL (required for azure-openai and vllm; any OpenAI-compatible host with openai)' }),
    'allowed-models': Flags.string({ description: 'comma-separated model ids agents may use (required for custom endpoints)' }),
    'denied-models': Flags.string({ description: 'comma-separated model ids that are refused (wins over allowed)' }),
    'api-key': Flags.string({ description: 'the vendor API key, or - to read it from stdin (default: $PAI_API_KEY)', exclusive: ['api-key-secret'] }),
    'api-key-secret': Flags.string({ description: 'use an existing Secret instead: NAME:KEY' }),
    'max-tokens-per-day': Flags.integer({ description: 'daily token budget shared by everything using this provider', min: 1 }),
    'max-tokens-per-request': Flags.integer({ description: 'per-request token cap', min: 1 }),
    'api-version': Flags.string({ description: 'API version query parameter (required for azure-openai)' }),
    namespace: namespaceFlag,
  };

  async run(): Promise<CreateModelProviderResult> {
    const { args, flags } = await this.parse(CreateModelProvider);
    let apiKey = flags['api-key'];
    if (apiKey === '-') apiKey = await readSecretFromStdin('API key');
    if (apiKey === undefined && flags['api-key-secret'] === undefined && process.env.PAI_API_KEY) apiKey = process.env.PAI_API_KEY;
    const operations = buildModelProviderOperations({
      name: args.name,
      namespace: flags.namespace,
      provider: flags.provider,
      ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
      ...(flags['api-version'] !== undefined ? { apiVersion: flags['api-version'] } : {}),
      ...(flags['allowed-models'] !== undefined ? { allowedModels: flags['allowed-models'] } : {}),
      ...(flags['denied-models'] !== undefined ? { deniedModels: flags['denied-models'] } : {}),
      ...(flags['max-tokens-per-day'] !== undefined ? { maxTokensPerDay: flags['max-tokens-per-day'] } : {}),
      ...(flags['max-tokens-per-request'] !== undefined ? { maxTokensPerRequest: flags['max-tokens-per-request'] } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(flags['api-key-secret'] !== undefined ? { apiKeySecret: flags['api-key-secret'] } : {}),
    });
    const client = this.connect(flags.context);
    if (operations.length === 1) await client.create(operations[0]!.resource as Parameters<typeof client.create>[0]);
    else await client.batch(operations);
    const created = operations.map((op) => ({ kind: op.resource.kind, namespace: flags.namespace, name: op.resource.metadata.name }));
    const suffix = flags.namespace === 'default' ? '' : ` in namespace ${flags.namespace}`;
    for (const c of created) this.print(`${c.kind.toLowerCase()}/${c.name} created${suffix}\n`);
    return { formatVersion: 1, created };
  }
}
