import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../base-command.js';
import type { DeleteFileResult } from '../delete-files.js';
import { describeError, formatErrorReport, type ErrorReport } from '../error-report.js';
import { EXIT_CODES } from '../exit-codes.js';
import { namespaceFlag } from '../flags.js';
import { KIND_ARG_DESCRIPTION, resolveKindArg } from '../kind-arg.js';
import { UserError } from '../../lib/user-error.js';
import { DEFAULT_NAMESPACE } from '../../api/kinds.js';

/** The `--json` payload of `pai delete KIND NAME`. */
export interface DeleteResult {
  formatVersion: 1;
  deleted: { kind: string; namespace: string; name: string };
}

/** The `--json` payload of `pai delete -f`: one entry per resource the files declare. */
export interface DeleteFilesResult {
  formatVersion: 1;
  results: Array<Omit<DeleteFileResult, 'error'> & { error?: Omit<ErrorReport, 'details'> }>;
  failed: number;
}

export default class Delete extends ControlPlaneCommand {
  static override summary = 'Delete one resource, or every resource that files declare.';
  static override description =
    'A resource that others still use (a ModelProvider named by Agents, AccessKeys or fallbacks, a Secret read by a provider, a GuardBinding) is not deleted: the command lists what uses it. Change or delete those first, or pass --force. With -f, the files are read as `pai validate` reads them, and what uses others is deleted first.';
  static override examples = [
    '<%= config.bin %> delete model-provider nvidia',
    '<%= config.bin %> delete secret anthropic-key -n team-a',
    '<%= config.bin %> delete model-provider old-nim --force',
    '<%= config.bin %> delete -f ./config/team-a',
  ];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: KIND_ARG_DESCRIPTION, required: false }),
    name: Args.string({ ignoreStdin: true, description: 'name of the resource', required: false }),
  };
  static override flags = {
    namespace: namespaceFlag,
    filename: Flags.string({ char: 'f', description: 'a manifest file or a directory of them (repeatable): delete what they declare', multiple: true }),
    force: Flags.boolean({ description: 'delete it even while other resources use it (they fail at run time until fixed)', default: false }),
  };

  async run(): Promise<DeleteResult | DeleteFilesResult> {
    const { args, flags } = await this.parse(Delete);
    if (flags.filename) {
      if (args.kind) throw new UserError('give either -f FILE or KIND NAME, not both');
      return this.deleteFiles(flags.filename, flags.force, flags.context);
    }
    if (!args.kind || !args.name) throw new UserError('pai delete needs KIND NAME, or -f FILE|DIR', 'e.g. `pai delete model-provider nvidia` or `pai delete -f ./config`');
    const kind = resolveKindArg(args.kind);
    const client = this.connect(flags.context);
    await client.delete(kind, flags.namespace, args.name, flags.force ? { force: true } : {});
    this.print(`${kind.kind.toLowerCase()}/${args.name} deleted\n`);
    return { formatVersion: 1, deleted: { kind: kind.kind, namespace: flags.namespace, name: args.name } };
  }

  private async deleteFiles(paths: string[], force: boolean, context: string | undefined): Promise<DeleteFilesResult> {
    const client = this.connect(context);
    const report = (r: DeleteFileResult): ErrorReport => {
      const e = describeError(r.error, this.serverUrl ? { server: this.serverUrl } : {});
      return { ...e, message: `${ref(r)} (${r.source}): ${e.message}` };
    };
    // The compiler's loader is loaded only by `delete -f`: every other command starts without it.
    const { deleteFromFiles } = await import('../delete-files.js');
    const results = await deleteFromFiles(client, paths, { force }, (r) => {
      if (r.deleted) this.print(`${ref(r)} deleted\n`);
      else this.note(formatErrorReport(report(r)));
    });
    const failed = results.filter((r) => !r.deleted).length;
    if (failed > 0) process.exitCode = EXIT_CODES.error;
    return {
      formatVersion: 1,
      results: results.map(({ error: _e, ...r }) => {
        if (r.deleted) return r;
        const { details: _d, ...error } = report({ ...r, error: _e });
        return { ...r, error };
      }),
      failed,
    };
  }
}

function ref(r: DeleteFileResult): string {
  return `${r.kind.toLowerCase()}/${r.name}${r.namespace === DEFAULT_NAMESPACE ? '' : ` in namespace ${r.namespace}`}`;
}
