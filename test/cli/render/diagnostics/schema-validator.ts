/** Compiles a JSON Schema (draft 2020-12) file with ajv, for the json and sarif shape tests. */
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// Both are CommonJS; depending on the loader the class is the module or its `default`.
type Ctor = new (opts: object) => { compile(schema: object): ValidateFunction };
const Ajv2020 = ((Ajv2020Module as unknown as { default?: Ctor }).default ?? Ajv2020Module) as unknown as Ctor;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: unknown) => void;

/**
 * A validator for the schema in `file`, strict by default (so a typo in our own schema fails
 * too). The SARIF schema is the official one's wording, which ajv's strict mode dislikes
 * (`anyOf: [{required: [text]}, …]`), so it is compiled with `strict: false`.
 */
export function compileSchemaFile(file: string, opts: { strict?: boolean } = {}): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: opts.strict ?? true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}

/** Validation errors as short readable lines, so a failing assertion says what is wrong. */
export function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
