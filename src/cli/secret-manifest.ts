import { readFileSync } from 'node:fs';
import type { Manifest } from '../api/wire.js';
import { API_VERSION, DEFAULT_NAMESPACE } from '../api/kinds.js';
import { parseEnvFile, parseLiteral } from './env-file.js';
import { registerSensitive } from './sensitive.js';
import { UserError } from '../lib/user-error.js';

/** What `pai create secret` was given. */
export interface SecretInput {
  name: string;
  namespace: string;
  literals: readonly string[];
  envFiles: readonly string[];
}

/**
 * Builds the Secret manifest of `pai create secret`: `spec.stringData` from every
 * `--from-literal KEY=VALUE` and `--from-env-file` line. Every value is registered as sensitive
 * the moment it is read. A key given twice is an error (which one should win is not obvious).
 */
export function buildSecretManifest(input: SecretInput, readFile: (file: string) => string = (f) => readFileSync(f, 'utf8')): Manifest {
  const pairs: Array<[string, string]> = input.literals.map(parseLiteral);
  for (const file of input.envFiles) {
    let text: string;
    try {
      text = readFile(file);
    } catch {
      throw new UserError(`cannot read the env file ${file}`, 'check the path');
    }
    pairs.push(...parseEnvFile(text, file));
  }
  for (const [, value] of pairs) registerSensitive(value);
  if (pairs.length === 0) {
    throw new UserError('no secret values given', 'add --from-literal KEY=VALUE (repeatable) or --from-env-file FILE');
  }
  const stringData: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key in stringData) throw new UserError(`the key ${JSON.stringify(key)} is given twice`, 'give each key once');
    stringData[key] = value;
  }
  return { apiVersion: API_VERSION, kind: 'Secret', metadata: { name: input.name, namespace: input.namespace }, spec: { stringData } };
}

/**
 * The Secret as git declares it: name and namespace, no values (`spec: {}`). What
 * `pai create secret --dry-run -o yaml` prints: values never belong in git (a plan refuses them,
 * secret-values-in-config), they are set out of band with `pai create secret`.
 */
export function declarationOf(manifest: Manifest): Manifest {
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: { name: manifest.metadata.name, namespace: manifest.metadata.namespace ?? DEFAULT_NAMESPACE }, spec: {} };
}
