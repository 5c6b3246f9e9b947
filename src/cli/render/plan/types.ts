import type { Plan } from '../../../compiler/plan/types.js';

/** The output formats of `pai plan --format`. */
export type PlanFormat = 'text' | 'markdown' | 'json';

/**
 * Everything a plan renderer needs, as plain data: renderers are pure functions of it (no I/O,
 * no environment), so each format is pinned by golden files rendered from fixtures/plans/*.json.
 */
export interface PlanRenderInput {
  plan: Plan;
  /** ANSI colours (text only); the CLI passes true on a TTY unless NO_COLOR. */
  color: boolean;
  toolVersion: string;
  /** Where the whole plan can be read when the markdown is cut (e.g. a link to the job summary). */
  fullPlanLocation?: string;
  /** Markdown only: the longest output allowed (GitHub caps a comment at 65,536 characters). */
  maxLength?: number;
}

/** A renderer: one pure function per format. */
export type PlanRenderer = (input: PlanRenderInput) => string;
