import type { RequestLogItem } from '../../../api/observability.generated.js';
import { renderTable } from '../resources/table.js';

export const REQUEST_LOG_HEADERS = ['TIME', 'ACCESS KEY', 'AGENT', 'MODEL', 'STATUS', 'CODE', 'TOKENS', 'LATENCY', 'FALLBACKS'] as const;

/** One request as a table row: the model that served (or, when none did, the one asked for, in brackets). */
export function requestLogRow(item: RequestLogItem): string[] {
  return [
    item.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    item.accessKey ?? (item.keyId ? `(key ${item.keyId})` : '(none)'),
    item.agent ?? '',
    item.model ?? (item.requested !== null ? `(${item.requested})` : ''),
    String(item.status),
    item.code ?? '',
    item.tokensIn === null && item.tokensOut === null ? '' : `${item.tokensIn ?? 0}/${item.tokensOut ?? 0}`,
    `${item.latencyMs} ms`,
    item.fallbacks > 0 ? String(item.fallbacks) : '',
  ];
}

/** `pai logs`: the requests as a table, in the order given (newest first). */
export function renderRequestLog(items: readonly RequestLogItem[]): string {
  return renderTable(REQUEST_LOG_HEADERS, items.map(requestLogRow));
}
