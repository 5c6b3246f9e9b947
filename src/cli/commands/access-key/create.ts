import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';
import { registerSensitive } from '../../sensitive.js';
import { UserError } from '../../../lib/user-error.js';
import { buildAccessKeyManifest } from '../../access-key-manifest.js';

/** The `--json` payload of `pai access-key create`: the one place the key is shown. */
export interface AccessKeyCreateResult {
  formatVersion: 1;
  namespace: string;
  name: string;
  key: string;
  keyId: string;
}

export default class AccessKeyCreate extends ControlPlaneCommand {
  static override summary = 'Create an AccessKey for the LLM gateway and print its key (pak_…) once.';
  static override description = `The AccessKey and its key are created in one transaction. The key goes to stdout alone,
so that it can be captured; the server keeps only its SHA-256. The key can only narrow what
its ModelProviders (which need externalAccess.enabled) allow.

The developer then runs:
  pai login <server> --access-key pak_…
  eval "$(pai gateway env)"`;
  static override examples = [
    '<%= config.bin %> access-key create --name alice-laptop --model-provider nvidia --allowed-model z-ai/glm4.7 --allowed-cidr 10.0.0.0/8',
    '<%= config.bin %> access-key create --name ci --agent reviewer --max-tokens-per-day 200000 -n team-a',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    name: Flags.string({ description: 'name of the AccessKey', required: true }),
    'model-provider': Flags.string({ description: 'a ModelProvider the key may use (repeatable)', multiple: true }),
    provider: Flags.string({ description: 'a Provider (non-LLM service) the key may use (repeatable)', multiple: true }),
    agent: Flags.string({ description: "bind the key to an Agent: its models (model 'default' = the primary), budgets and guards" }),
    'allowed-model': Flags.string({ description: 'a model id the key may use, e.g. z-ai/glm4.7 (repeatable; default: all the providers allow)', multiple: true }),
    'allowed-cidr': Flags.string({ description: 'a network the key may be used from, e.g. 10.0.0.0/8 (repeatable; default: anywhere)', multiple: true }),
    'max-tokens-per-day': Flags.integer({ description: "the key's own daily token budget (UTC days)", min: 1 }),
    'max-requests-per-minute': Flags.integer({ description: 'requests per minute of the key', min: 1 }),
    'expires-at': Flags.string({ description: 'when the key stops working (RFC 3339, e.g. 2026-12-31T00:00:00Z)' }),
    description: Flags.string({ description: 'what the key is for (who holds it, which machine)' }),
    namespace: namespaceFlag,
  };

  async run(): Promise<AccessKeyCreateResult> {
    const { flags } = await this.parse(AccessKeyCreate);
    const modelProviders = flags['model-provider'] ?? [];
    const providers = flags.provider ?? [];
    if (modelProviders.length === 0 && providers.length === 0 && !flags.agent) {
      throw new UserError('an AccessKey must be bound to something', 'pass --model-provider NAME (repeatable), --provider NAME or --agent NAME');
    }
    const manifest = buildAccessKeyManifest({
      name: flags.name,
      namespace: flags.namespace,
      modelProviders,
      providers,
      ...(flags.agent ? { agent: flags.agent } : {}),
      allowedModels: flags['allowed-model'] ?? [],
      allowedCidrs: flags['allowed-cidr'] ?? [],
      ...(flags['max-tokens-per-day'] !== undefined ? { maxTokensPerDay: flags['max-tokens-per-day'] } : {}),
      ...(flags['max-requests-per-minute'] !== undefined ? { maxRequestsPerMinute: flags['max-requests-per-minute'] } : {}),
      ...(flags['expires-at'] ? { expiresAt: flags['expires-at'] } : {}),
      ...(flags.description ? { description: flags.description } : {}),
    });
    const minted = await this.connect(flags.context).accessKeys.mint(flags.namespace, flags.name, manifest);
    // Printed on purpose, exactly once; anything else that would echo it is redacted.
    if (!this.jsonEnabled()) process.stdout.write(`${minted.key}\n`);
    registerSensitive(minted.key);
    const keyId = String(minted.accessKey.status?.keyId ?? '');
    this.note(`accesskey/${flags.name} created${flags.namespace === 'default' ? '' : ` in namespace ${flags.namespace}`} (key ${keyId}); the key is shown only this once — store it now`);
    return { formatVersion: 1, namespace: flags.namespace, name: flags.name, key: minted.key, keyId };
  }
}
