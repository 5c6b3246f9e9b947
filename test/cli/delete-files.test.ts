import { describe, expect, it } from 'vitest';
import type { ControlPlane } from '../../src/api/control-plane.js';
import { deleteFromFiles } from '../../src/cli/delete-files.js';
import { UserError } from '../../src/lib/user-error.js';

describe('deleteFromFiles', () => {
  it('refuses broken files before deleting anything, naming each problem where it is', async () => {
    const deleted: string[] = [];
    const client: Pick<ControlPlane, 'delete'> = {
      delete: async (kind, _namespace, name) => {
        deleted.push(`${kind}/${name}`);
        throw new Error('nothing may be deleted');
      },
    };
    // A file that is not text (found while reading) and a document without a kind (found at a node, located later).
    const error = await deleteFromFiles(client, ['fixtures/invalid/not-yaml', 'fixtures/invalid/missing-kind', 'fixtures/valid'], { force: false }, () => {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('cannot read the manifests to delete');
    expect((error as UserError).details).toEqual([
      'fixtures/invalid/missing-kind/input.yaml:1:1: document has no kind',
      'fixtures/invalid/not-yaml/input.yaml:1:1: fixtures/invalid/not-yaml/input.yaml is not a UTF-8 text file',
    ]);
    expect(deleted).toEqual([]);
  });
});
