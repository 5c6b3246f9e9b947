import type { FastifyReply } from 'fastify';
import type { Diagnostic } from '../../api/diagnostic.js';

/**
 * Admission warnings travel with a successful write as HTTP `Warning` headers, as the Kubernetes
 * API server sends them (`299 - "text"`), so that the body stays the resource and every client
 * can show them (the CLI prints `Warning: …` on stderr). One header per diagnostic; header values
 * are ASCII, so other characters are replaced.
 */
export function addWarnings(reply: FastifyReply, warnings: readonly Diagnostic[]): void {
  if (warnings.length === 0) return;
  reply.header('warning', warnings.map((d) => `299 - "${quote(warningText(d))}"`));
}

/** `ModelProvider default/nim: model "nim/x" is deprecated … (model-deprecated)`. */
export function warningText(d: Diagnostic): string {
  const where = d.resource ? `${d.resource.kind} ${d.resource.namespace}/${d.resource.name}: ` : '';
  return `${where}${d.message}${d.hint ? `; ${d.hint}` : ''} (${d.code})`;
}

function quote(text: string): string {
  return text
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\"]/g, (c) => `\\${c}`);
}
