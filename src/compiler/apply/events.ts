import type { ResourceKey } from '../../api/diagnostic.js';
import type { Action, SourceLocation } from '../plan/types.js';

/**
 * The applier never prints: it emits these events and printers (render/apply) consume them, as in
 * kubernetes-sigs/cli-utils. Tests assert on the event sequence.
 */
export type ApplyEvent =
  | { type: 'apply-started'; total: number }
  | { type: 'resource-applied'; key: ResourceKey; action: Exclude<Action, 'no-op'>; resourceVersion?: string; durationMs: number }
  | { type: 'resource-failed'; key: ResourceKey; action: Exclude<Action, 'no-op'>; message: string; hint?: string; conflict: boolean; /** Where the resource is declared (absent for deletes). */ source?: SourceLocation }
  | { type: 'resource-skipped'; key: ResourceKey; action: Exclude<Action, 'no-op'>; reason: string }
  | { type: 'apply-finished'; applied: number; failed: number; skipped: number; durationMs: number };

export type ApplyEventSink = (event: ApplyEvent) => void;
