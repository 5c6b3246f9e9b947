/** Pins the `pai apply --format json` event lines (one JSON object per line) and the text lines. */
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../../../src/compiler/apply/events.js';
import { renderApplyEvent } from '../../../../src/cli/render/apply/index.js';

const key = { kind: 'ModelProvider', namespace: 'default', name: 'nvidia' };
const events: ApplyEvent[] = [
  { type: 'apply-started', total: 2 },
  { type: 'resource-applied', key, action: 'update', resourceVersion: '42', durationMs: 7 },
  { type: 'resource-failed', key: { ...key, name: 'google' }, action: 'update', message: 'it was changed by someone else since the plan was made (resourceVersion conflict); nothing was overwritten', hint: 'run pai plan again to see the current state', conflict: true },
  { type: 'resource-skipped', key: { kind: 'Agent', namespace: 'default', name: 'bot' }, action: 'create', reason: 'an earlier step failed' },
  { type: 'apply-finished', applied: 1, failed: 1, skipped: 1, durationMs: 30 },
];

describe('apply event renderers', () => {
  it('json: one versioned object per line with exactly the event fields', () => {
    const lines = events.map((e) => renderApplyEvent('json', e));
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    expect(lines.map((l) => JSON.parse(l))).toEqual(events.map((e) => ({ formatVersion: 1, ...e })));
    expect(Object.keys(JSON.parse(lines[1]!))).toEqual(['formatVersion', 'type', 'key', 'action', 'resourceVersion', 'durationMs']);
  });

  it('text: one readable line per event', () => {
    expect(events.map((e) => renderApplyEvent('text', e)).join('')).toBe(
      [
        'Applying 2 changes…',
        'modelprovider/default/nvidia updated (7 ms)',
        'modelprovider/default/google update FAILED: it was changed by someone else since the plan was made (resourceVersion conflict); nothing was overwritten',
        '  hint: run pai plan again to see the current state',
        'agent/default/bot create skipped: an earlier step failed',
        'Apply incomplete: 1 applied, 1 failed, 1 not attempted. Run pai apply again after fixing the cause: it converges.',
        '',
      ].join('\n'),
    );
  });
});
