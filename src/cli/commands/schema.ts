import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { PaiCommand } from '../base-command.js';
import { UserError } from '../../lib/user-error.js';
import { loadAllSchemas } from '../../api/schemas.js';
import { KINDS, resolveKindAlias } from '../../api/kinds.js';

export default class Schema extends PaiCommand {
  static override summary = 'Print or write the JSON Schemas of the pai.io/v1 kinds, for editors (`pai explain` reads them for humans).';
  static override description = `Prints one kind's schema (or the combined manifest schema) as JSON, or writes every schema
into a directory with --out, for yaml-language-server and other editors:

  # yaml-language-server: $schema=./schemas/manifest.schema.json`;
  static override examples = ['<%= config.bin %> schema agent', '<%= config.bin %> schema --out .vscode/pai-schemas', '<%= config.bin %> schema > pai.schema.json'];
  static override args = { kind: Args.string({ ignoreStdin: true, description: `a kind (${KINDS.map((k) => k.kind).join(', ')}); default: the combined manifest schema` }) };
  static override flags = { out: Flags.string({ description: 'write every schema file into this directory instead of printing' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Schema);
    const schemas = loadAllSchemas();
    if (flags.out) {
      mkdirSync(flags.out, { recursive: true });
      for (const [id, schema] of schemas) writeFileSync(path.join(flags.out, id.split('/').pop()!), JSON.stringify(schema, null, 2) + '\n');
      this.note(`wrote ${schemas.size} schemas to ${flags.out}; point your editor at ${path.join(flags.out, 'manifest.schema.json')}`);
      return;
    }
    let file = 'manifest.schema.json';
    if (args.kind) {
      const info = resolveKindAlias(args.kind);
      if (!info) throw new UserError(`unknown kind "${args.kind}"`, `use one of: ${KINDS.map((k) => k.kind).join(', ')}`);
      file = info.schemaFile;
    }
    const schema = [...schemas.entries()].find(([id]) => id.endsWith('/' + file))?.[1];
    if (!schema) throw new Error(`bug: schema ${file} not found`);
    process.stdout.write(JSON.stringify(schema, null, 2) + '\n');
  }
}
