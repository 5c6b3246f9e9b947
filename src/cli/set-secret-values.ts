import type { ControlPlane } from '../api/control-plane.js';
import { ControlPlaneError } from '../api/errors.js';
import type { Manifest, Resource } from '../api/wire.js';
import { DEFAULT_NAMESPACE } from '../api/kinds.js';
import { secretKeyNames } from './render/resources/columns.js';
import { UserError } from '../lib/user-error.js';

/** What `pai create secret` did: created the Secret, or set the values of one that existed. */
export type SecretWriteOutcome = 'created' | 'configured';

/**
 * Writes the values of `pai create secret` out of band. A Secret declared in git without values
 * (`spec: {}`) exists after the GitOps apply but holds nothing: its values are set here, keeping
 * its labels and pai's ownership annotations, so that the next `pai plan` of the git directory
 * still shows no change. A Secret that already holds values is only replaced with `overwrite`
 * (a typo in the name must not silently swap a production key). The write is conditional on the
 * resourceVersion read, so a concurrent change is refused rather than lost.
 */
export async function setSecretValues(
  client: Pick<ControlPlane, 'create' | 'get' | 'put'>,
  manifest: Manifest,
  options: { overwrite: boolean },
): Promise<{ stored: Resource; outcome: SecretWriteOutcome }> {
  try {
    return { stored: await client.create(manifest), outcome: 'created' };
  } catch (err) {
    if (!(err instanceof ControlPlaneError && err.reason === 'AlreadyExists')) throw err;
  }
  const namespace = manifest.metadata.namespace ?? DEFAULT_NAMESPACE;
  const live = await client.get('Secret', namespace, manifest.metadata.name);
  const keys = secretKeyNames(live);
  if (keys.length > 0 && !options.overwrite) {
    throw new UserError(
      `secret/${manifest.metadata.name}${namespace === DEFAULT_NAMESPACE ? '' : ` in namespace ${namespace}`} already has values (keys: ${keys.join(', ')})`,
      'pass --overwrite to replace all of its values with the ones given',
    );
  }
  const { labels, annotations, resourceVersion } = live.metadata;
  const metadata = { ...manifest.metadata, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}), resourceVersion };
  const { resource } = await client.put({ ...manifest, metadata, spec: { ...live.spec, ...manifest.spec } });
  return { stored: resource, outcome: 'configured' };
}
