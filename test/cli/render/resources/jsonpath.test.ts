import { describe, expect, it } from 'vitest';
import { JsonPathError, renderJsonPath, selectJsonPath } from '../../../../src/cli/render/resources/jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'nvidia', annotations: { 'a.b/c': 'x' } }, spec: { allowedModels: ['m1', 'm2'], maxTokensPerDay: 5 } },
    { metadata: { name: 'google' }, spec: { allowedModels: [] } },
  ],
};

describe('renderJsonPath', () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['a field of one resource', '{.metadata.name}', list.items[0], 'nvidia'],
    ['every name of a list, joined by spaces', '{.items[*].metadata.name}', list, 'nvidia google'],
    ['an index, and a negative one', '{.items[0].metadata.name}/{.items[-1].metadata.name}', list, 'nvidia/google'],
    ['a quoted field with dots', "{.items[0].metadata.annotations['a.b/c']}", list, 'x'],
    ['text around expressions, and a number as JSON', 'max={.items[0].spec.maxTokensPerDay}!', list, 'max=5!'],
    ['a list value as JSON', '{.items[0].spec.allowedModels}', list, '["m1","m2"]'],
    ['range with a literal newline', '{range .items[*]}{.metadata.name}{"\\n"}{end}', list, 'nvidia\ngoogle\n'],
    ['a missing field is empty', '{.items[1].metadata.annotations}', list, ''],
    ['the leading dot is optional', '{metadata.name}', list.items[1], 'google'],
  ];
  for (const [title, template, data, expected] of cases) it(title, () => expect(renderJsonPath(template, data)).toBe(expected));

  const bad: Array<[string, string]> = [
    ['an unclosed brace', '{.metadata.name'],
    ['range without end', '{range .items[*]}{.metadata.name}'],
    ['end without range', '{.a}{end}'],
    ['a filter expression', '{.items[?(@.x)]}'],
  ];
  for (const [title, template] of bad) it(`refuses ${title}`, () => expect(() => renderJsonPath(template, list)).toThrow(JsonPathError));
});

describe('selectJsonPath', () => {
  it('selects values with or without braces', () => {
    expect(selectJsonPath('.metadata.name', list.items[0])).toEqual(['nvidia']);
    expect(selectJsonPath('{.spec.allowedModels[*]}', list.items[0])).toEqual(['m1', 'm2']);
  });
});
