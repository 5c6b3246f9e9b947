import { badRequest } from './api-error.js';

/** Namespaces, resource names and token names: DNS-1123 labels, as in Kubernetes. */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS_1123_LABEL.test(value);
}

/**
 * Checks a name taken from the URL. Anything else (`..`, an encoded `/`, upper case) is refused
 * before it reaches the store; the message does not echo the value, which may be anything.
 */
export function requireDnsLabel(value: unknown, what: 'namespace' | 'name', where = 'in the URL'): string {
  if (isDnsLabel(value)) return value;
  throw badRequest(
    `the ${what} ${where} is ${value === undefined ? 'missing' : `not a valid ${what}`}`,
    "use lower-case letters, digits and '-', start and end with a letter or digit, at most 63 characters (DNS-1123)",
  );
}
