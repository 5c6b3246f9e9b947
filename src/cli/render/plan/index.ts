/**
 * Renderers for `pai plan` output (and the GitHub Action's comment). As with the diagnostics
 * renderers, each format is one small pure function in its own file, picked by one switch;
 * renderers never print, never read files and never decide the exit code.
 */
import { renderPlanJson } from './json.js';
import { renderPlanMarkdown } from './markdown.js';
import { renderPlanText } from './text.js';
import type { PlanFormat, PlanRenderer, PlanRenderInput } from './types.js';

export type { PlanFormat, PlanRenderer, PlanRenderInput } from './types.js';
export { renderPlanJson, parsePlanJson, PLAN_JSON_FORMAT_VERSION, type PlanResultJson } from './json.js';
export { renderPlanMarkdown, PLAN_COMMENT_MARKER } from './markdown.js';
export { renderPlanText } from './text.js';

const RENDERERS: Record<PlanFormat, PlanRenderer> = {
  text: renderPlanText,
  markdown: renderPlanMarkdown,
  json: renderPlanJson,
};

/** The valid values of `pai plan --format`, in the order help and error messages list them. */
export const PLAN_FORMATS: readonly PlanFormat[] = Object.freeze(['text', 'json', 'markdown']);

/** Renders the plan in the given format; the result ends with a newline. */
export function renderPlan(format: PlanFormat, input: PlanRenderInput): string {
  return RENDERERS[format](input);
}
