import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';
import { buildSecretManifest, declarationOf } from '../../secret-manifest.js';
import type { SecretWriteOutcome } from '../../set-secret-values.js';
import { UserError } from '../../../lib/user-error.js';
import { secretKeyNames } from '../../render/resources/columns.js';
import { renderStructured } from '../../render/resources/structured.js';
import { DEFAULT_NAMESPACE } from '../../../api/kinds.js';

/** The `--json` payload of `pai create secret`: names and keys, never values. */
export interface CreateSecretResult {
  formatVersion: 1;
  created: { kind: 'Secret'; namespace: string; name: string; keys: string[] };
  /** `created`, `configured` (values set on a Secret that existed), or `dry-run` (nothing sent). */
  outcome: SecretWriteOutcome | 'dry-run';
}

export default class CreateSecret extends ControlPlaneCommand {
  static override summary = 'Create a Secret from literal values or an env file, or set the values of one declared in git.';
  static override description = `Values are encrypted at rest by the control plane and never shown again: \`pai get
secrets\` lists key names, \`pai describe secret\` their fingerprints.

A Secret declared in git without values (\`spec: {}\`) and applied gets its values here; the
next \`pai plan\` shows no change. A Secret that already has values is replaced only with
--overwrite.

--dry-run sends nothing; with -o yaml|json it prints the declaration to commit to git (the
Secret without its values, which never belong in git).

Values given with --from-literal end up in your shell history; prefer --from-env-file
for real keys (one KEY=VALUE per line, # comments, optional quotes).`;
  static override examples = [
    '<%= config.bin %> create secret anthropic-key --from-literal api-key=sk-ant-…',
    '<%= config.bin %> create secret github-pat --from-env-file ./github.env -n team-a',
    '<%= config.bin %> create secret anthropic-key --from-env-file ./new.env --overwrite',
    '<%= config.bin %> create secret anthropic-key --from-literal api-key=sk-ant-… --dry-run -o yaml > secrets/anthropic-key.yaml',
  ];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the Secret', required: true }) };
  static override flags = {
    'from-literal': Flags.string({ description: 'KEY=VALUE (repeatable)', multiple: true }),
    'from-env-file': Flags.string({ description: 'a file of KEY=VALUE lines (repeatable)', multiple: true }),
    namespace: namespaceFlag,
    overwrite: Flags.boolean({ description: 'replace the values of a Secret that already has values', default: false }),
    'dry-run': Flags.boolean({ description: 'check the input and send nothing', default: false }),
    output: Flags.string({ char: 'o', description: 'with --dry-run: print the declaration for git', options: ['yaml', 'json'] }),
  };

  async run(): Promise<CreateSecretResult> {
    const { args, flags } = await this.parse(CreateSecret);
    if (flags.output && !flags['dry-run']) throw new UserError('-o prints the declaration of a dry run', 'add --dry-run (nothing is sent), or drop -o');
    const manifest = buildSecretManifest({ name: args.name, namespace: flags.namespace, literals: flags['from-literal'] ?? [], envFiles: flags['from-env-file'] ?? [] });
    const given = Object.keys(manifest.spec?.stringData ?? {}).sort();
    const where = flags.namespace === DEFAULT_NAMESPACE ? '' : ` in namespace ${flags.namespace}`;
    if (flags['dry-run']) {
      if (flags.output) this.print(renderStructured(declarationOf(manifest), flags.output as 'yaml' | 'json'));
      else this.print(`secret/${args.name} checked${where} (dry run: nothing sent)\n`);
      this.note(`keys ${given.join(', ')}; the values are not printed: set them with \`pai create secret ${args.name}\` once the declaration is applied`);
      return { formatVersion: 1, created: { kind: 'Secret', namespace: flags.namespace, name: args.name, keys: given }, outcome: 'dry-run' };
    }
    const client = this.connect(flags.context);
    // Loaded here, with node:crypto, so that the other commands start without them.
    const { setSecretValues } = await import('../../set-secret-values.js');
    const { stored, outcome } = await setSecretValues(client, manifest, { overwrite: flags.overwrite });
    this.print(`secret/${args.name} ${outcome}${where}\n`);
    const keys = secretKeyNames(stored);
    return { formatVersion: 1, created: { kind: 'Secret', namespace: flags.namespace, name: args.name, keys: keys.length ? keys : given }, outcome };
  }
}
