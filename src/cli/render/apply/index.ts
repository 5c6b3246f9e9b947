import type { ApplyEvent } from '../../../compiler/apply/events.js';
import type { ResourceKey } from '../../../api/diagnostic.js';

export type ApplyEventFormat = 'text' | 'json';

const PAST: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted' };

function name(k: ResourceKey): string {
  return `${k.kind.toLowerCase()}/${k.namespace}/${k.name}`;
}

/**
 * Renders one apply event as a line (text) or a JSON object per line (json, for machines).
 * Pure: the command decides where the lines go.
 */
export function renderApplyEvent(format: ApplyEventFormat, event: ApplyEvent): string {
  if (format === 'json') return JSON.stringify({ formatVersion: 1, ...event }) + '\n';
  switch (event.type) {
    case 'apply-started':
      return event.total === 0 ? '' : `Applying ${event.total} change${event.total === 1 ? '' : 's'}…\n`;
    case 'resource-applied':
      return `${name(event.key)} ${PAST[event.action]} (${event.durationMs} ms)\n`;
    case 'resource-failed':
      return `${name(event.key)} ${event.action} FAILED: ${event.message}${event.hint ? `\n  hint: ${event.hint}` : ''}\n`;
    case 'resource-skipped':
      return `${name(event.key)} ${event.action} skipped: ${event.reason}\n`;
    case 'apply-finished':
      return event.failed === 0
        ? `Apply complete: ${event.applied} applied in ${event.durationMs} ms.\n`
        : `Apply incomplete: ${event.applied} applied, ${event.failed} failed, ${event.skipped} not attempted. Run pai apply again after fixing the cause: it converges.\n`;
  }
}
