import type { ResourceKey } from '../../../api/diagnostic.js';
import type { ResourceChange } from '../../../compiler/plan/types.js';
import { sanitizeForTerminal, textStyle, type TextStyle } from '../diagnostics/style.js';
import {
  actionSymbol,
  describeFieldChanges,
  DRIFT_NOTE,
  keyLabel,
  MAX_UNMANAGED_LISTED,
  planSentence,
  PRUNABLE_HEADING,
  sourceLabel,
  unmanagedSentence,
  type ChangeSymbol,
  type FieldLine,
} from './describe.js';
import type { PlanRenderInput } from './types.js';

const LEGEND: Record<ChangeSymbol, string> = { '+': 'create', '~': 'update', '-': 'delete' };

/**
 * The human plan, modelled on Terraform's: a legend of the symbols in use, one block per
 * created, updated or deleted resource (in the order apply will act), field changes under
 * updates, then what is left alone, then one closing line. No-ops are only counted. Every piece
 * of user-controlled text is sanitised so a manifest cannot drive the terminal.
 *
 *   ~ Agent default/support  (config/agents.yaml:3)  drifted
 *       ~ spec.maxTokensPerDay: 5000000 → 6000000
 *       ~ spec.allowedModels: + "a", - "b"
 *
 *   Plan: 1 to create, 2 to update, 0 to delete (14 unchanged).
 */
export function renderPlanText(input: PlanRenderInput): string {
  const { plan } = input;
  const style = textStyle(input.color);
  const blocks: string[] = [style.dim(headerLine(input))];

  const listed = plan.changes.filter((c) => c.action !== 'no-op');
  const symbols = (['+', '~', '-'] as const).filter((s) => listed.some((c) => actionSymbol(c.action) === s));
  if (symbols.length > 0) {
    blocks.push(['Resource actions are indicated with the following symbols:', ...symbols.map((s) => `  ${paint(style, s)} ${LEGEND[s]}`)].join('\n'));
    blocks.push('pai will perform the following actions:');
    blocks.push(...listed.map((c) => resourceBlock(c, style)));
  }

  if (plan.prunable.length > 0) {
    blocks.push([PRUNABLE_HEADING, ...plan.prunable.map((k) => `  ${clean(keyLabel(k))}`)].join('\n'));
  }
  if (plan.unmanaged.length > 0) blocks.push(unmanagedBlock(plan.unmanaged));

  blocks.push(style.bold(planSentence(plan.summary)));
  return blocks.join('\n\n') + '\n';
}

function headerLine(input: PlanRenderInput): string {
  const { plan } = input;
  const commit = plan.commit ? ` at commit ${clean(plan.commit)}` : '';
  return `pai ${clean(input.toolVersion)} plan for ${clean(plan.source)}${commit}${plan.prune ? ' (with --prune)' : ''}`;
}

function resourceBlock(c: ResourceChange, style: TextStyle): string {
  const symbol = actionSymbol(c.action) ?? '~';
  let head = `  ${paint(style, symbol)} ${style.bold(clean(keyLabel(c.key)))}`;
  if (c.source) head += `  ${style.dim(`(${clean(sourceLabel(c.source))})`)}`;
  if (c.drift) head += `  ${style.yellow('drifted')}`;
  const lines = [head];
  if (c.reason) lines.push(`      ${style.dim(`# ${clean(c.reason)}`)}`);
  for (const f of describeFieldChanges(c.changes)) lines.push(`      ${fieldLine(f, style)}`);
  return lines.join('\n');
}

function fieldLine(f: FieldLine, style: TextStyle): string {
  let line = `${paint(style, f.symbol)} ${clean(f.path)}`;
  if (f.list) {
    const items = [...f.list.added.map((v) => `${paint(style, '+')} ${clean(v)}`), ...f.list.removed.map((v) => `${paint(style, '-')} ${clean(v)}`)];
    if (f.list.more > 0) items.push(`… and ${f.list.more} more`);
    line += `: ${items.join(', ')}`;
  } else if (f.value !== undefined) line += `: ${clean(f.value)}`;
  if (f.drift) line += `  ${style.yellow(`(${DRIFT_NOTE})`)}`;
  return line;
}

function unmanagedBlock(keys: readonly ResourceKey[]): string {
  const lines = [unmanagedSentence(keys.length), ...keys.slice(0, MAX_UNMANAGED_LISTED).map((k) => `  ${clean(keyLabel(k))}`)];
  if (keys.length > MAX_UNMANAGED_LISTED) lines.push(`  … and ${keys.length - MAX_UNMANAGED_LISTED} more`);
  return lines.join('\n');
}

function paint(style: TextStyle, symbol: ChangeSymbol): string {
  return symbol === '+' ? style.green(symbol) : symbol === '-' ? style.red(symbol) : style.yellow(symbol);
}

function clean(text: string): string {
  return sanitizeForTerminal(text);
}
