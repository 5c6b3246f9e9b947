import { UserError } from '../lib/user-error.js';

/** One requirement of a label selector: `key=value`, `key!=value`, `key` (has it), `!key` (has not). */
type Requirement = { key: string; op: '=' | '!='; value: string } | { key: string; op: 'exists' | 'absent' };

/** A parsed `-l` selector: every requirement must hold (kubectl's equality-based selectors). */
export type LabelSelector = readonly Requirement[];

const KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
/** Label values as Kubernetes allows them (possibly empty). */
const VALUE = /^([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)?$/;

/** Parses `-l app=web,tier!=db,canary,!legacy`; a malformed one is a UserError that shows the forms. */
export function parseLabelSelector(text: string): LabelSelector {
  const forms = 'use key=value, key!=value, key or !key, joined by commas (e.g. -l team=search,env!=prod)';
  return text.split(',').map((raw) => {
    const part = raw.trim();
    const m = /^(!?)([^=!]+?)\s*(?:(==|=|!=)\s*(.*))?$/.exec(part);
    const key = m?.[2]?.trim() ?? '';
    if (!m || !KEY.test(key) || (m[1] && m[3])) throw new UserError(`cannot read the label selector ${JSON.stringify(part)}`, forms);
    if (!m[3]) return { key, op: m[1] ? 'absent' : 'exists' };
    const value = m[4]!.trim();
    if (!VALUE.test(value)) throw new UserError(`cannot read the label selector ${JSON.stringify(part)}`, forms);
    return { key, op: m[3] === '!=' ? '!=' : '=', value };
  });
}

/** Whether a resource's `metadata.labels` satisfy every requirement. */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  return selector.every((r) => {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    if (!('value' in r)) return has === (r.op === 'exists');
    const equal = has && labels![r.key] === r.value;
    return r.op === '=' ? equal : !equal;
  });
}
