import { JsonPathError, renderJsonPath } from './render/resources/jsonpath.js';
import { UserError } from '../lib/user-error.js';

/** What `pai get -o` asks for: a table, a structured format, names, or a JSONPath template. */
export type OutputFormat = { kind: 'table' | 'wide' | 'json' | 'yaml' | 'name' } | { kind: 'jsonpath'; template: string };

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath=TEMPLATE'] as const;

/** Parses `-o`; a JSONPath template is checked here, before anything is sent. */
export function parseOutputFormat(text: string): OutputFormat {
  const jsonpath = /^jsonpath=(.*)$/s.exec(text);
  if (jsonpath) {
    const template = jsonpath[1]!;
    if (template.trim() === '') throw new UserError('-o jsonpath= needs a template', "e.g. -o jsonpath='{.items[*].metadata.name}'");
    try {
      renderJsonPath(template, {});
    } catch (err) {
      if (err instanceof JsonPathError) throw new UserError(err.message);
      throw err;
    }
    return { kind: 'jsonpath', template };
  }
  if (text === 'table' || text === 'wide' || text === 'json' || text === 'yaml' || text === 'name') return { kind: text };
  throw new UserError(`unknown output format ${JSON.stringify(text)}`, `use one of: ${OUTPUT_FORMATS.join(', ')}`);
}
