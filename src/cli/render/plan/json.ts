import type { Plan } from '../../../compiler/plan/types.js';
import type { PlanRenderInput } from './types.js';

/**
 * Version of the `pai plan --format json` payload. Bump it when a field changes meaning or
 * disappears; adding an optional field is compatible. The shape is pinned by
 * schemas/output/plan.schema.json, which a test validates the golden output against.
 */
export const PLAN_JSON_FORMAT_VERSION = 1;

/** The whole `pai plan --format json` document: the plan as is, with a version and the tool. */
export interface PlanResultJson {
  formatVersion: typeof PLAN_JSON_FORMAT_VERSION;
  tool: { name: 'pai'; version: string };
  plan: Plan;
}

/**
 * The machine format: one JSON document (2-space indent, trailing newline). The plan never holds
 * a Secret value (FieldChange guarantees it), so it is written unchanged; colour and cutting are
 * for humans and are ignored.
 */
export function renderPlanJson(input: PlanRenderInput): string {
  const result: PlanResultJson = { formatVersion: PLAN_JSON_FORMAT_VERSION, tool: { name: 'pai', version: input.toolVersion }, plan: input.plan };
  return JSON.stringify(result, null, 2) + '\n';
}

/**
 * Reads a `pai plan --format json` document back (the GitHub Action renders the comment from
 * it). Returns undefined when the text is not such a document, so the caller can say so.
 */
export function parsePlanJson(text: string): PlanResultJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<PlanResultJson>;
  if (v.formatVersion !== PLAN_JSON_FORMAT_VERSION || !v.plan || typeof v.plan !== 'object') return undefined;
  const p = v.plan as Partial<Plan>;
  if (!Array.isArray(p.changes) || !Array.isArray(p.prunable) || !Array.isArray(p.unmanaged) || !p.summary || typeof p.source !== 'string') return undefined;
  return v as PlanResultJson;
}
