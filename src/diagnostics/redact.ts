/**
 * Recognises API keys and credentials written where they do not belong, so that no message ever
 * echoes one. Prefixes of the providers pai fronts, plus pai's own credentials.
 */
const KEY_PATTERNS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'an Anthropic API key', pattern: /sk-ant-[A-Za-z0-9_-]{8,}/ },
  { name: 'an OpenAI-style API key', pattern: /sk-(?:proj-|svcacct-|or-v1-)?[A-Za-z0-9_-]{16,}/ },
  { name: 'an NVIDIA API key', pattern: /nvapi-[A-Za-z0-9_-]{16,}/ },
  { name: 'a pai access key', pattern: /pak_[A-Za-z0-9_-]{8,}/ },
  { name: 'a pai admin token', pattern: /pai_tok_[A-Za-z0-9_-]{8,}/ },
  { name: 'a Google API key', pattern: /AIza[0-9A-Za-z_-]{30,}/ },
  { name: 'a GitHub token', pattern: /gh[pousr]_[A-Za-z0-9]{20,}/ },
];

/** Names the kind of credential a string contains, or undefined when it looks like none. */
export function detectApiKey(value: string): string | undefined {
  for (const { name, pattern } of KEY_PATTERNS) if (pattern.test(value)) return name;
  return undefined;
}

/** A value quoted for a message — unless it looks like a credential, which is never shown. */
export function quoteForMessage(value: unknown, max = 60): string {
  if (typeof value === 'string') {
    if (detectApiKey(value)) return '(a value that looks like a credential, not shown)';
    return JSON.stringify(value.length > max ? value.slice(0, max - 3) + '...' : value);
  }
  const text = JSON.stringify(value) ?? String(value);
  if (detectApiKey(text)) return '(a value that looks like a credential, not shown)';
  return text.length > max ? text.slice(0, max - 3) + '...' : text;
}
