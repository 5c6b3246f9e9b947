import type { ErrorObject } from 'ajv';
import type { Diagnostic, ResourceKey } from '../../api/diagnostic.js';
import type { DiagnosticCode } from '../../api/diagnostic-codes.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { MASKED, quoteForMessage } from '../../api/redact.js';
import { parsePointer } from '../../api/json-pointer.js';
import { isSensitivePath } from '../../api/sensitive-fields.js';
import { branchShapes, descriptionAt, propertyNamesAt } from './schema-lookup.js';

const DNS_1123 = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/**
 * The one place where ajv's errors become pai diagnostics (as spectral does): branch noise from
 * oneOf/anyOf is pruned, duplicates removed, each error gets a code, a readable message naming the
 * field (`spec.models[1]`), a did-you-mean where one exists, and the JSON pointer of the node.
 */
export function convertSchemaErrors(errors: ErrorObject[], doc: unknown, rootSchemaId: string, resource?: ResourceKey): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of pruneBranches(errors)) {
    const d = convertOne(e, doc, rootSchemaId);
    if (resource) d.resource = resource;
    const id = `${d.code}|${d.pointer}|${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out;
}

/** Whether a schema diagnostic should point at the key of its node (`spec:`) or at the value. */
export function locateTargetFor(code: DiagnosticCode): 'key' | 'value' {
  return code === 'schema-unknown-field' || code === 'schema-required' ? 'key' : 'value';
}

function convertOne(e: ErrorObject, doc: unknown, rootSchemaId: string): Diagnostic {
  const field = humanPath(e.instancePath);
  const value = valueAt(doc, e.instancePath);
  // A value at a sensitive position is never quoted, whatever it looks like: only its type is told.
  const secret = isSensitivePath((doc as Record<string, unknown> | null)?.kind, parsePointer(e.instancePath));
  const quote = (v: unknown): string => (secret ? MASKED : quoteForMessage(v));
  const p = e.params as Record<string, unknown>;
  const make = (code: DiagnosticCode, pointer: string, message: string, hint?: string): Diagnostic => ({
    code,
    severity: 'error',
    message,
    pointer,
    ...(hint ? { hint } : {}),
  });
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(p.additionalProperty);
      const known = propertyNamesAt(e.schemaPath, rootSchemaId);
      const guesses = didYouMean(prop, known);
      return make(
        'schema-unknown-field',
        `${e.instancePath}/${escapePointer(prop)}`,
        `unknown field "${prop}"${field ? ` in ${field}` : ''}`,
        guesses.length > 0 ? `did you mean "${guesses[0]}"?` : known.length > 0 ? `allowed fields: ${known.join(', ')}` : undefined,
      );
    }
    case 'required':
      return make('schema-required', e.instancePath, `${field || 'the document'} is missing required field "${String(p.missingProperty)}"`, `add "${String(p.missingProperty)}"`);
    case 'type':
      return make('schema-type', e.instancePath, `${field} must be ${article(String(p.type))}, not ${describe(value, secret)}`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const guesses = typeof value === 'string' && !secret ? didYouMean(value, (p.allowedValues as unknown[]).map(String)) : [];
      return make('schema-enum', e.instancePath, `${field} must be one of ${allowed.join(', ')}, not ${quote(value)}`, guesses[0] ? `did you mean "${guesses[0]}"?` : undefined);
    }
    case 'const':
      return make('schema-enum', e.instancePath, `${field} must be ${JSON.stringify(p.allowedValue)}, not ${quote(value)}`);
    case 'pattern':
      if (p.pattern === DNS_1123) {
        return make('schema-format', e.instancePath, `${field} ${quote(value)} is not a valid name`, "use lower-case letters, digits and '-', starting and ending with a letter or digit (DNS-1123)");
      }
      {
        const what = descriptionAt(e.schemaPath, rootSchemaId);
        return make('schema-format', e.instancePath, `${field} ${quote(value)} does not have the expected format`, what ? `expected: ${what}` : `expected a value matching ${String(p.pattern)}`);
      }
    case 'format':
      return make('schema-format', e.instancePath, `${field} ${quote(value)} is not a valid ${String(p.format)}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties':
    case 'multipleOf':
    case 'uniqueItems':
      return make('schema-range', e.instancePath, `${field || 'the document'} ${e.message ?? 'is out of range'}`);
    case 'oneOf':
    case 'anyOf': {
      const shapes = branchShapes(e.schemaPath, rootSchemaId);
      return make('schema-invalid', e.instancePath, `${field || 'the document'} does not match exactly one of the allowed shapes`, shapes.length > 0 ? `write one of: ${shapes.join(' | ')}` : undefined);
    }
    default:
      return make('schema-invalid', e.instancePath, `${field || 'the document'} ${e.message ?? 'is invalid'}`);
  }
}

/**
 * With allErrors, a failed oneOf/anyOf reports the errors of every branch. Users want the errors of
 * the branch they probably meant: the one with the fewest errors (ties: the first).
 */
function pruneBranches(errors: ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  for (const parent of errors) {
    if (parent.keyword !== 'oneOf' && parent.keyword !== 'anyOf') continue;
    const prefix = `${parent.schemaPath}/`;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    if (byBranch.size === 0) continue;
    const fewest = Math.min(...[...byBranch.values()].map((g) => g.length));
    const best = [...byBranch.values()].filter((g) => g.length === fewest);
    if (best.length > 1) {
      // No branch is clearly meant (e.g. env item with both value and secretRef, or neither):
      // one error naming the allowed shapes says more than two contradicting ones.
      for (const group of byBranch.values()) for (const e of group) drop.add(e);
      continue;
    }
    for (const group of byBranch.values()) if (group !== best[0]) for (const e of group) drop.add(e);
    drop.add(parent);
  }
  return errors.filter((e) => !drop.has(e));
}

/** `/spec/models/1` → `spec.models[1]`. */
export function humanPath(pointer: string): string {
  let out = '';
  for (const seg of parsePointer(pointer)) out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const seg of parsePointer(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** What a value is, for "must be a mapping, not …"; a secret one only by its type. */
function describe(value: unknown, secret: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (secret) return `a ${typeof value} ${MASKED}`;
  if (typeof value === 'string') return `the string ${quoteForMessage(value, 40)}`;
  return `${typeof value} ${String(value)}`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'null' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
