/** What a budget counts: tokens per day, requests per minute, or requests in flight. */
export type BudgetKind = 'tokens' | 'requests' | 'concurrency';

/**
 * One limit a request is held to: a scope (`mp:team-a/nvidia`), the period it counts in
 * (`2026-01-02`, `2026-01-02T10:31`, or `-` for concurrency), its cap (undefined = counted,
 * not limited) and how much of it this request reserves.
 */
export interface BudgetLine {
  scope: string;
  period: string;
  cap: number | undefined;
  amount: number;
  kind: BudgetKind;
  /** For messages: whose limit it is ("ModelProvider nvidia's maxTokensPerDay"). */
  label: string;
  /** A limit of the provider that serves the request (a fallback to another provider may fit),
   * rather than of the key or its Agent (no fallback helps). */
  providerSpecific: boolean;
}

/** Scope prefixes. Concurrency scopes (`agconc:`) are released, never charged, by the sweeper. */
export const SCOPES = {
  provider: 'mp:',
  providerExternal: 'mpx:',
  accessKey: 'ak:',
  agent: 'ag:',
  accessKeyRpm: 'akrpm:',
  agentRpm: 'agrpm:',
  agentConcurrency: 'agconc:',
} as const;

/** The period of concurrency slots: they do not reset. */
export const NO_PERIOD = '-';
