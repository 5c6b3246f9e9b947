import type { ControlPlane } from '../api/control-plane.js';
import { ControlPlaneUnreachableError } from '../api/errors.js';
import { isError, sortDiagnostics, type Diagnostic, type ResourceKey } from '../api/diagnostic.js';
import { loadManifests } from '../compiler/load/load.js';
import { locateFindings } from '../compiler/load/locate.js';
import { kindInfo } from '../api/kinds.js';
import { UserError } from '../lib/user-error.js';

/** One resource named by `pai delete -f`, and whether it was deleted. */
export interface DeleteFileResult {
  kind: string;
  namespace: string;
  name: string;
  /** `file:line` of its document. */
  source: string;
  deleted: boolean;
  /** Why it was not deleted (the server's reason), when it was not. */
  error?: unknown;
}

/**
 * `pai delete -f FILE|DIR`: reads the files as `pai validate` does (the compiler's loader: the same
 * walk, .paiignore, documents that are not pai manifests skipped) and deletes what they declare,
 * users before what they use (AccessKeys and Agents, then ModelProviders, then Secrets), so that
 * the server's in-use check passes when the files hold both sides. Broken input is refused before
 * anything is deleted. A failure is recorded and the rest still go, unless the server is unreachable.
 */
export async function deleteFromFiles(
  client: Pick<ControlPlane, 'delete'>,
  paths: readonly string[],
  options: { force: boolean },
  onResult: (result: DeleteFileResult) => void,
): Promise<DeleteFileResult[]> {
  if (paths.includes('-')) throw new UserError('pai delete -f reads files and directories, not stdin', 'save the manifests to a file first');
  const loaded = await loadManifests([...paths]);
  const errors = sortDiagnostics([...loaded.diagnostics, ...(await locateFindings(loaded.findings))]).filter(isError);
  if (errors.length > 0) throw new UserError(`cannot read the manifests to delete`, 'fix them, or name the resources with `pai delete KIND NAME`', errors.map(where));
  if (loaded.resources.length === 0) throw new UserError(`no pai manifests found in ${paths.join(', ')}`, 'give the files or directories that declare the resources');
  const unknown = loaded.resources.find((r) => !kindInfo(r.key.kind));
  if (unknown) throw new UserError(`${unknown.source.path}: unknown kind ${JSON.stringify(unknown.key.kind)}`, 'run `pai validate` on these files');
  const ordered = [...loaded.resources].sort((a, b) => kindInfo(b.key.kind)!.applyOrder - kindInfo(a.key.kind)!.applyOrder);
  const results: DeleteFileResult[] = [];
  for (const r of ordered) {
    const result: DeleteFileResult = { ...keyOf(r.key), source: `${r.source.path}:${r.source.documentLine(r.index)}`, deleted: false };
    try {
      await client.delete(r.key.kind, r.key.namespace, r.key.name, options.force ? { force: true } : {});
      result.deleted = true;
    } catch (err) {
      if (err instanceof ControlPlaneUnreachableError) throw err;
      result.error = err;
    }
    results.push(result);
    onResult(result);
  }
  return results;
}

function keyOf(key: ResourceKey): Pick<DeleteFileResult, 'kind' | 'namespace' | 'name'> {
  return { kind: key.kind, namespace: key.namespace, name: key.name };
}

function where(d: Diagnostic): string {
  return `${d.range ? `${d.range.file}:${d.range.line}:${d.range.column}: ` : ''}${d.message}`;
}
