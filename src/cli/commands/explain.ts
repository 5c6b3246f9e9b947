import { Args } from '@oclif/core';
import { PaiCommand } from '../base-command.js';
import { KIND_ARG_DESCRIPTION, resolveKindArg } from '../kind-arg.js';
import { UserError } from '../../lib/user-error.js';
import { explainField, renderExplain, UnknownFieldError, type ExplainedField } from '../render/resources/explain.js';

/** The `--json` payload of `pai explain`. */
export interface ExplainResult extends ExplainedField {
  formatVersion: 1;
}

export default class Explain extends PaiCommand {
  static override summary = 'Describe a kind or one of its fields: type, description, and the fields under it.';
  static override description = 'Read from the JSON Schemas in schemas/ (what `pai validate` checks against). Lists are explained through their items. `pai schema` prints the raw JSON Schema for editors.';
  static override examples = ['<%= config.bin %> explain modelprovider', '<%= config.bin %> explain mp.spec', '<%= config.bin %> explain agent.spec.models'];
  static override enableJsonFlag = true;
  static override args = { field: Args.string({ ignoreStdin: true, description: `KIND or KIND.field.path; ${KIND_ARG_DESCRIPTION}`, required: true }) };

  async run(): Promise<ExplainResult> {
    const { args } = await this.parse(Explain);
    const [kindText, ...path] = args.field.split('.');
    const kind = resolveKindArg(kindText ?? '');
    let explained: ExplainedField;
    try {
      explained = explainField(kind, path);
    } catch (err) {
      if (err instanceof UnknownFieldError) throw new UserError(err.message, err.known.length ? `its fields: ${err.known.join(', ')}` : 'it has no fields');
      throw err;
    }
    this.print(renderExplain(explained));
    return { formatVersion: 1, ...explained };
  }
}
