// RFC 6901 JSON pointers: how diagnostics, the API's errors and sensitive paths name a place in a
// manifest.

/** Splits an RFC 6901 JSON pointer into unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  const segments = pointer.slice(1).split('/');
  // Escapes are rare: most pointers are split and done (one per diagnostic, thousands in a run).
  if (pointer.includes('~')) for (let i = 0; i < segments.length; i++) segments[i] = segments[i]!.replace(/~1/g, '/').replace(/~0/g, '~');
  return segments;
}

/** Builds a JSON pointer from path segments. */
export function toPointer(segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
