import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../cli/base-command.js';
import { namespaceFlag } from '../../cli/flags.js';
import { buildSecretManifest } from '../../cli/secret-manifest.js';
import { secretKeyNames } from '../../render/resources/columns.js';

/** The `--json` payload of `pai create secret`: names and keys, never values. */
export interface CreateSecretResult {
  formatVersion: 1;
  created: { kind: 'Secret'; namespace: string; name: string; keys: string[] };
}

export default class CreateSecret extends ControlPlaneCommand {
  static override summary = 'Create a Secret from literal values or an env file.';
  static override description = `Values are encrypted at rest by the control plane and never shown again: \`pai get
secrets\` lists key names, \`pai describe secret\` their fingerprints.

Values given with --from-literal end up in your shell history; prefer --from-env-file
for real keys (one KEY=VALUE per line, # comments, optional quotes).`;
  static override examples = [
    '<%= config.bin %> create secret anthropic-key --from-literal api-key=sk-ant-…',
    '<%= config.bin %> create secret github-pat --from-env-file ./github.env -n team-a',
  ];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the Secret', required: true }) };
  static override flags = {
    'from-literal': Flags.string({ description: 'KEY=VALUE (repeatable)', multiple: true }),
    'from-env-file': Flags.string({ description: 'a file of KEY=VALUE lines (repeatable)', multiple: true }),
    namespace: namespaceFlag,
  };

  async run(): Promise<CreateSecretResult> {
    const { args, flags } = await this.parse(CreateSecret);
    const manifest = buildSecretManifest({ name: args.name, namespace: flags.namespace, literals: flags['from-literal'] ?? [], envFiles: flags['from-env-file'] ?? [] });
    const client = this.connect(flags.context);
    const stored = await client.create(manifest);
    this.print(`secret/${args.name} created${flags.namespace === 'default' ? '' : ` in namespace ${flags.namespace}`}\n`);
    const keys = secretKeyNames(stored);
    return { formatVersion: 1, created: { kind: 'Secret', namespace: flags.namespace, name: args.name, keys: keys.length ? keys : Object.keys(manifest.spec?.stringData ?? {}).sort() } };
  }
}
