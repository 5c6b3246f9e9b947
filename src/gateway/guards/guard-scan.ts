import type { GuardAttachment } from '../../resources/types.generated.js';
import type { Logger } from '../../server/logger.js';
import type { ConfigCache } from '../config/config-cache.js';
import { refKey, type GatewaySnapshot } from '../config/snapshot.js';
import { GatewayError } from '../errors.js';
import type { UpstreamPools } from '../upstream/upstream-pools.js';
import { classify, type ClassifierVerdict } from './classifier.js';

/** What the guards did to one request, for its audit line. */
export interface GuardOutcome {
  /** `name:flagged`, `name:unavailable` … per binding that ran. */
  events: string[];
}

/** Whether an attachment scans what is sent to the model (prompts; tool results travel in them). */
function scansPrompts(a: GuardAttachment): boolean {
  const scan = a.scan;
  if (!scan) return true;
  if (scan.prompts === true || scan.toolResults === true) return true;
  return scan.prompts === undefined && scan.responses === undefined && scan.toolResults === undefined;
}

/**
 * Runs GuardBindings over a request's prompt text before it is forwarded (so streaming is never
 * held up by a scan). Each binding runs at most once per request, whichever provider level
 * (provider `guards`, on all its traffic) or Agent level (the Agent's `guards`) attached it.
 * A score at or above `thresholds.injection` is a detection: `enforce` refuses with 403,
 * `audit` logs `guard.detected` and lets the request through. A classifier that fails or times
 * out is skipped (fail open) and logged as `guard.unavailable`.
 */
export class GuardScanner {
  constructor(
    private readonly pools: UpstreamPools,
    private readonly config: ConfigCache,
    private readonly log: Logger,
    private readonly timeoutMs = 2_000,
  ) {}

  /** A fresh per-request scan (bindings already run are remembered). */
  session(snapshot: GatewaySnapshot, namespace: string, keyName: string, text: () => string): GuardSession {
    return new GuardSession(this, snapshot, namespace, keyName, text);
  }

  /** @internal */
  async run(snapshot: GatewaySnapshot, namespace: string, binding: string, text: string): Promise<ClassifierVerdict & { threshold?: number }> {
    const guard = snapshot.guards.get(refKey(namespace, binding));
    if (!guard) return { kind: 'unavailable', reason: 'GuardBinding not found' };
    const headers: Record<string, string> = {};
    const auth = guard.auth;
    if (auth?.secretRef) {
      const value = await this.config.secret(namespace, auth.secretRef, auth.secretKey ?? 'token').catch(() => undefined);
      if (value) headers[(auth.header ?? 'Authorization').toLowerCase()] = `${auth.prefix ?? 'Bearer '}${value}`;
    }
    const verdict = await classify(this.pools, guard.endpoint, text, headers, this.timeoutMs);
    return { ...verdict, threshold: guard.injectionThreshold };
  }

  /** @internal */
  get logger(): Logger {
    return this.log;
  }
}

/** The guards of one request. */
export class GuardSession {
  private readonly done = new Map<string, Promise<void>>();
  readonly outcome: GuardOutcome = { events: [] };
  private cachedText: string | undefined;

  constructor(
    private readonly scanner: GuardScanner,
    private readonly snapshot: GatewaySnapshot,
    private readonly namespace: string,
    private readonly keyName: string,
    private readonly text: () => string,
  ) {}

  /** Runs the attachments not run yet; throws 403 on an enforced detection. */
  async check(attachments: readonly GuardAttachment[]): Promise<void> {
    for (const a of attachments) {
      if (!scansPrompts(a)) continue;
      let run = this.done.get(a.binding);
      if (!run) {
        run = this.runOne(a);
        this.done.set(a.binding, run);
      }
      await run;
    }
  }

  private async runOne(a: GuardAttachment): Promise<void> {
    this.cachedText ??= this.text();
    const verdict = await this.scanner.run(this.snapshot, this.namespace, a.binding, this.cachedText);
    const log = this.scanner.logger;
    const base = { guard: a.binding, namespace: this.namespace, key: this.keyName };
    if (verdict.kind === 'unavailable') {
      this.outcome.events.push(`${a.binding}:unavailable`);
      log.warn('guard.unavailable', { ...base, reason: verdict.reason });
      return;
    }
    if (verdict.score < (verdict.threshold ?? 0.9)) {
      this.outcome.events.push(`${a.binding}:pass`);
      return;
    }
    const enforce = (a.enforcement ?? 'enforce') === 'enforce';
    this.outcome.events.push(`${a.binding}:${enforce ? 'blocked' : 'flagged'}`);
    log.warn('guard.detected', { ...base, score: verdict.score, label: verdict.label ?? null, enforcement: enforce ? 'enforce' : 'audit' });
    if (enforce) {
      throw new GatewayError('guard_blocked', `the request was blocked by GuardBinding ${a.binding}: its classifier flagged the prompt (score ${verdict.score.toFixed(2)} ≥ ${verdict.threshold ?? 0.9})`);
    }
  }
}
