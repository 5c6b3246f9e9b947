import { detectApiKey } from '../../diagnostics/redact.js';

/**
 * Masks anything that looks like a credential, as a last line of defence: messages are built
 * with quoteForMessage and should never hold one, but the text format quotes source lines, and
 * the line an `inline-api-key` diagnostic points at is exactly the one holding the key.
 *
 * Every credential pattern of redact.ts is made of `[A-Za-z0-9_-]`, so each maximal run of those
 * characters is tested on its own and, if it looks like a key, replaced by as many `*`: the
 * length is kept so the caret under a masked source line still lines up.
 */
export function maskCredentials(text: string): string {
  return text.replace(/[A-Za-z0-9_-]+/g, (run) => (detectApiKey(run) ? '*'.repeat(run.length) : run));
}
