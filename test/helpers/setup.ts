import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Tests never read or write the developer's own pai state: the catalogue cache (a refreshed cache
// would change golden outputs) and the CLI config live in per-run temp directories. Child
// processes started by the tests inherit these variables.
process.env.PAI_CACHE_DIR ??= mkdtempSync(path.join(tmpdir(), 'pai-test-cache-'));
process.env.PAI_CONFIG ??= path.join(mkdtempSync(path.join(tmpdir(), 'pai-test-config-')), 'config.json');
