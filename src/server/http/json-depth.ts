/**
 * How deeply JSON may nest arrays and objects in a request body. Manifests need a dozen levels;
 * far deeper documents only serve to exhaust the stack of whatever walks them later (validators,
 * redaction, the guard's text extraction), which would answer 500.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects more than `limit` deep, found by one pass over the
 * text before it is parsed (brackets inside strings do not count). Used by every body parser:
 * the REST API's (src/server/http/json-body.ts) and the gateway's.
 */
export function jsonTooDeep(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The one-sentence refusal of a body that nests too deeply. */
export const JSON_TOO_DEEP_MESSAGE = `the request body is nested more than ${MAX_JSON_DEPTH} levels deep`;
