import type { FastifyRequest } from 'fastify';

const sizes = new WeakMap<object, number>();

/** Remembers the byte length of a request body (set by the gateway's body parser). */
export function rememberBodySize(req: FastifyRequest, bytes: number): void {
  sizes.set(req, bytes);
}

/** The byte length of the request body: what the prompt's token bound is computed from. */
export function bodySizeOf(req: FastifyRequest): number {
  return sizes.get(req) ?? Buffer.byteLength(JSON.stringify(req.body ?? null));
}
