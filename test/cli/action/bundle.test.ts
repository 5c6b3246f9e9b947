/**
 * The committed Action bundle (action/dist/, what action.yml runs) is the build of the sources
 * as they are: rebuilt into a temporary directory, it must be byte for byte what is committed.
 * A change to src/ (or a dependency) without `npm run bundle:action` fails here, not in a
 * user's workflow. Building twice from different directories also proves that the output is
 * deterministic (no timestamps, no absolute paths).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleAction } from '../../../scripts/bundle-action.mjs';
import { REPO_ROOT } from '../../helpers/cli.js';

const COMMITTED = path.join(REPO_ROOT, 'action/dist');
const STALE = 'action/dist/ is not the build of the current sources: run npm run bundle:action and commit action/dist/';

const rebuilt = mkdtempSync(path.join(os.tmpdir(), 'pai-action-bundle-'));
beforeAll(() => bundleAction(rebuilt));

describe('action/dist/ (the bundled Action)', () => {
  it('holds exactly the files a build makes', () => {
    expect(readdirSync(COMMITTED).sort(), STALE).toEqual(readdirSync(rebuilt).sort());
  });

  it('is byte for byte the build of the current sources', () => {
    for (const file of readdirSync(rebuilt)) {
      const same = readFileSync(path.join(COMMITTED, file)).equals(readFileSync(path.join(rebuilt, file)));
      expect(same, `${file}: ${STALE}`).toBe(true);
    }
  });

  it('names no path of the machine it was built on', () => {
    for (const file of readdirSync(rebuilt)) {
      const text = readFileSync(path.join(rebuilt, file), 'utf8');
      expect(text.includes(REPO_ROOT), `${file} contains ${REPO_ROOT}`).toBe(false);
      expect(text.includes(rebuilt), `${file} contains ${rebuilt}`).toBe(false);
    }
  });
});
