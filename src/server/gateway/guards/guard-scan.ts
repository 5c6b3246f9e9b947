import type { GuardAttachment } from '../../../api/types.generated.js';
import type { Logger } from '../../http/logger.js';
import type { ConfigCache } from '../config/config-cache.js';
import { refKey, type GatewaySnapshot } from '../config/snapshot.js';
import { GatewayError } from '../errors.js';
import type { UpstreamPools } from '../upstream/upstream-pools.js';
import { classify, type ClassifierVerdict } from './classifier.js';

/** What the guards did to one request, for its audit line. */
export interface GuardOutcome {
  /** `name:pass`, `name:flagged`, `name:unavailable` … per binding that ran on the prompt, and
   * `name:response:<worst outcome>` per binding that scanned the answer. */
  events: string[];
}

/** What one classifier run decided, from best to worst (a response is scanned in many windows;
 * its audit shows the worst). */
const VERDICTS = ['pass', 'unavailable', 'flagged', 'blocked'] as const;
type Verdict = (typeof VERDICTS)[number];

/** Whether an attachment scans what is sent to the model (prompts; tool results travel in them). */
function scansPrompts(a: GuardAttachment): boolean {
  const scan = a.scan;
  if (!scan) return true;
  if (scan.prompts === true || scan.toolResults === true) return true;
  return scan.prompts === undefined && scan.responses === undefined && scan.toolResults === undefined;
}

/** Whether an attachment scans what comes back from the model. */
function scansResponses(a: GuardAttachment): boolean {
  return a.scan?.responses === true;
}

const isEnforced = (a: GuardAttachment): boolean => (a.enforcement ?? 'enforce') === 'enforce';

/**
 * Runs GuardBindings over a request's prompt text before it is forwarded, and (attachments with
 * `scan.responses`) over the answer before the client gets it (see ResponseScanner and
 * ResponseHold). Each binding runs on the prompt at most once per request, whichever provider level
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
  private readonly promptEvents: string[] = [];
  private readonly responseVerdicts = new Map<string, Verdict>();
  private cachedText: string | undefined;

  constructor(
    private readonly scanner: GuardScanner,
    private readonly snapshot: GatewaySnapshot,
    private readonly namespace: string,
    private readonly keyName: string,
    private readonly text: () => string,
  ) {}

  get outcome(): GuardOutcome {
    return { events: [...this.promptEvents, ...[...this.responseVerdicts].map(([binding, v]) => `${binding}:response:${v}`)] };
  }

  /** Runs the prompt attachments not run yet; throws 403 on an enforced detection. */
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

  /**
   * The scanner of the answer for the attachments (Agent's and serving provider's) that scan
   * responses, each binding once; undefined when none does, so that answers without response
   * guards take no extra step.
   */
  responses(attachments: readonly GuardAttachment[]): ResponseScanner | undefined {
    const byBinding = new Map<string, GuardAttachment>();
    for (const a of attachments) if (scansResponses(a) && !byBinding.has(a.binding)) byBinding.set(a.binding, a);
    return byBinding.size === 0 ? undefined : new ResponseScanner(this, [...byBinding.values()]);
  }

  private async runOne(a: GuardAttachment): Promise<void> {
    this.cachedText ??= this.text();
    const { verdict, refusal } = await this.judge(a, this.cachedText, 'prompt');
    this.promptEvents.push(`${a.binding}:${verdict}`);
    if (refusal) throw refusal;
  }

  /** @internal Runs one binding over a text: the verdict, and the 403 when it blocks. Logs detections and failures (never the text). */
  async judge(a: GuardAttachment, text: string, target: 'prompt' | 'response'): Promise<{ verdict: Verdict; refusal?: GatewayError }> {
    const verdict = await this.scanner.run(this.snapshot, this.namespace, a.binding, text);
    const log = this.scanner.logger;
    const base = { guard: a.binding, namespace: this.namespace, key: this.keyName, target };
    if (verdict.kind === 'unavailable') {
      log.warn('guard.unavailable', { ...base, reason: verdict.reason });
      return { verdict: 'unavailable' };
    }
    const threshold = verdict.threshold ?? 0.9;
    if (verdict.score < threshold) return { verdict: 'pass' };
    const enforce = isEnforced(a);
    log.warn('guard.detected', { ...base, score: verdict.score, label: verdict.label ?? null, enforcement: enforce ? 'enforce' : 'audit' });
    if (!enforce) return { verdict: 'flagged' };
    const what = target === 'prompt' ? 'the request was blocked' : "the model's answer was withheld";
    return {
      verdict: 'blocked',
      refusal: new GatewayError('guard_blocked', `${what} by GuardBinding ${a.binding}: its classifier flagged the ${target} (score ${verdict.score.toFixed(2)} ≥ ${threshold})`),
    };
  }

  /** @internal Keeps the worst verdict of a binding over an answer's windows. */
  noteResponse(binding: string, verdict: Verdict): void {
    const before = this.responseVerdicts.get(binding);
    if (!before || VERDICTS.indexOf(verdict) > VERDICTS.indexOf(before)) this.responseVerdicts.set(binding, verdict);
  }
}

/** The response guards of one answer: scans texts (a buffered answer, or a window of a stream). */
export class ResponseScanner {
  /** Some binding enforces: text must be held until it passed. (Audit-only bindings scan
   * without holding anything back.) */
  readonly enforcing: boolean;

  constructor(
    private readonly session: GuardSession,
    private readonly attachments: readonly GuardAttachment[],
  ) {
    this.enforcing = attachments.some(isEnforced);
  }

  /** Runs every binding over the text; the 403 of the first that blocks it, if any. */
  async check(text: string): Promise<GatewayError | undefined> {
    const results = await Promise.all(this.attachments.map((a) => this.session.judge(a, text, 'response')));
    results.forEach((r, i) => this.session.noteResponse(this.attachments[i]!.binding, r.verdict));
    return results.find((r) => r.refusal)?.refusal;
  }
}
