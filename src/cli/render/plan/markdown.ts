import type { ResourceChange } from '../../../compiler/plan/types.js';
import { sanitizeForTerminal } from '../diagnostics/style.js';
import {
  actionSymbol,
  changeCount,
  countsSentence,
  describeFieldChanges,
  DRIFT_NOTE,
  keyLabel,
  changesByAction,
  MAX_UNMANAGED_LISTED,
  sourceLabel,
  unmanagedSentence,
  type FieldLine,
} from './describe.js';
import { fitMarkdown, type MarkdownDocument, type MarkdownSection } from './markdown-fit.js';
import type { PlanRenderInput } from './types.js';
import { plural } from './values.js';

/** First line of every plan comment: the GitHub Action finds its sticky comment by it. */
export const PLAN_COMMENT_MARKER = '<!-- pai-plan -->';

/** Up to this many resources of an action are expanded; more are shown collapsed so the plan can be scanned. */
export const MAX_EXPANDED_CHANGES = 10;

const SECTION_TITLE = { create: 'Create', update: 'Update', delete: 'Delete' } as const;

/**
 * The plan as a pull-request comment and job summary. Per action a section, and in it each
 * resource as a `<details>` block holding its own diff fence (GitHub paints `+` lines green, `-`
 * red and `!` orange): a create lists every attribute it sets, an update its changed fields, a
 * delete what goes. Sections of more than MAX_EXPANDED_CHANGES resources start collapsed. Values are the same short
 * forms as the text plan, so Secrets stay redacted. With `maxLength`, the document is cut at a
 * resource boundary (see markdown-fit.ts).
 */
export function renderPlanMarkdown(input: PlanRenderInput): string {
  return fitMarkdown(planDocument(input), input.maxLength, input.fullPlanLocation);
}

function planDocument(input: PlanRenderInput): MarkdownDocument {
  const { plan } = input;
  const changed = plan.summary.create + plan.summary.update + plan.summary.delete > 0;
  const title = changed ? `### pai plan: ${countsSentence(plan.summary)}` : '### pai plan: no changes';
  const facts = [`Source ${code(plan.source)}`];
  if (plan.commit) facts.push(`commit ${html(plan.commit)}`);
  facts.push(`${plan.summary.noop} unchanged`);
  if (plan.prune) facts.push('with `--prune`');
  let header = `${PLAN_COMMENT_MARKER}\n${title}\n\n${facts.join(' · ')}\n\n`;
  if (!changed) header += 'The live control plane matches the configuration.\n\n';
  const drifted = plan.changes.filter((c) => c.drift).length;
  if (drifted > 0) {
    const what = drifted === 1 ? '1 resource was' : `${drifted} resources were`;
    header += `> [!WARNING]\n> ${what} changed outside git; applying this plan reverts ${drifted === 1 ? 'it' : 'them'}.\n\n`;
  }

  const byAction = changesByAction(plan.changes);
  const sections: MarkdownSection[] = [];
  for (const action of ['create', 'update', 'delete'] as const) {
    const changes = byAction[action];
    if (changes.length === 0) continue;
    const open = changes.length <= MAX_EXPANDED_CHANGES;
    sections.push({ open: `#### ${SECTION_TITLE[action]} (${changes.length})\n\n`, items: changes.map((c) => changeBlock(c, open)), close: '' });
  }
  return { header, sections, ...tails(input), footer: `<sub>pai ${clean(input.toolVersion)}</sub>\n` };
}

function changeBlock(c: ResourceChange, open: boolean): string {
  const summary = [`<code>${actionSymbol(c.action) ?? ' '} ${html(keyLabel(c.key))}</code>`, changeCount(c)];
  if (c.drift) summary.push('<b>drifted</b>');
  if (c.source) summary.push(`<code>${html(sourceLabel(c.source))}</code>`);
  const lines = c.reason ? [`# ${clean(c.reason)}`] : [];
  for (const f of describeFieldChanges(c.changes)) lines.push(...diffLines(f));
  return `<details${open ? ' open' : ''}><summary>${summary.join(' · ')}</summary>\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n\n</details>\n\n`;
}

/** A field change in a diff fence: list items on their own +/- lines so they show green and red. */
function diffLines(f: FieldLine): string[] {
  const note = f.drift ? `  ⚠ ${DRIFT_NOTE}` : '';
  const symbol = f.symbol === '~' ? '!' : f.symbol;
  if (f.list) {
    const items = [...f.list.added.map((v) => `+   ${clean(v)}`), ...f.list.removed.map((v) => `-   ${clean(v)}`)];
    if (f.list.more > 0) items.push(`#   … and ${f.list.more} more`);
    return [`${symbol} ${clean(f.path)}:${note}`, ...items];
  }
  return [`${symbol} ${clean(f.path)}${f.value !== undefined ? `: ${clean(f.value)}` : ''}${note}`];
}

/** The sections after the resources: full, and as one-line counts for a cut document. */
function tails(input: PlanRenderInput): { tail: string; compactTail: string } {
  const { prunable, unmanaged } = input.plan;
  let tail = '';
  let compactTail = '';
  if (prunable.length > 0) {
    tail += `#### Not declared, owned by this source\n\nWould be deleted with \`--prune\`:\n\n${prunable.map((k) => `- ${code(keyLabel(k))}\n`).join('')}\n`;
    compactTail += `${plural(prunable.length, 'resource')} not declared but owned by this source would be deleted with \`--prune\`.\n\n`;
  }
  if (unmanaged.length > 0) {
    const listed = unmanaged.slice(0, MAX_UNMANAGED_LISTED).map((k) => `- ${code(keyLabel(k))}\n`).join('');
    const more = unmanaged.length > MAX_UNMANAGED_LISTED ? `- … and ${unmanaged.length - MAX_UNMANAGED_LISTED} more\n` : '';
    tail += `<details><summary>${unmanagedSentence(unmanaged.length)}</summary>\n\n${listed}${more}\n</details>\n\n`;
    compactTail += `${unmanagedSentence(unmanaged.length)}\n\n`;
  }
  return { tail, compactTail };
}

/** Inline code that no backtick in the text can close early. */
function code(text: string): string {
  const t = clean(text);
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function html(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line, no control characters: nothing in a value can end a fence or a list item early. */
function clean(text: string): string {
  return sanitizeForTerminal(text);
}
