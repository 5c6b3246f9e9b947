import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

describe('docs/architecture.md', () => {
  it('is the import graph of src/ as it is (run `npm run gen:architecture`)', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/architecture-doc.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
