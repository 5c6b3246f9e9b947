/**
 * The import boundaries (.dependency-cruiser.cjs, README "Layout") hold for src/, and the check
 * really fails on a wrong-way import: each rule is planted once in a scratch tree and must fire.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const DEPCRUISE = path.join(REPO_ROOT, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { code: number | null; output: string } {
  const r = spawnSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs'], { cwd, encoding: 'utf8' });
  return { code: r.status, output: r.stdout + r.stderr };
}

/** A scratch repository with the real config and the given files. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-boundaries-'));
  copyFileSync(path.join(REPO_ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const leaf = 'export const x = 1;\n';
const importing = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

describe('import boundaries', () => {
  it('src/ has no wrong-way import', () => {
    const { code, output } = cruise(REPO_ROOT);
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  it.each([
    ['compiler-below-cli-and-server', { 'src/compiler/apply/a.ts': importing('../../cli/client/c.js'), 'src/cli/client/c.ts': leaf }],
    ['compiler-below-cli-and-server', { 'src/compiler/check/a.ts': importing('../../server/store/s.js'), 'src/server/store/s.ts': leaf }],
    ['api-is-the-wire-model', { 'src/api/a.ts': importing('../compiler/load/l.js'), 'src/compiler/load/l.ts': leaf }],
    ['lib-is-a-leaf', { 'src/lib/a.ts': importing('../api/k.js'), 'src/api/k.ts': leaf }],
    ['server-never-imports-cli', { 'src/server/http/a.ts': importing('../../cli/render/r.js'), 'src/cli/render/r.ts': leaf }],
    ['cli-talks-to-the-server-over-http', { 'src/cli/commands/get.ts': importing('../../server/store/s.js'), 'src/server/store/s.ts': leaf }],
    ['gateway-uses-no-route-modules', { 'src/server/gateway/a.ts': importing('../http/routes/r.js'), 'src/server/http/routes/r.ts': leaf }],
    ['no-cycles-between-areas', { 'src/compiler/plan/a.ts': `import { b } from './b.js';\nexport const a = () => b;\n`, 'src/compiler/plan/b.ts': `import { a } from './a.js';\nexport const b = () => a;\n` }],
  ] as Array<[string, Record<string, string>]>)('a planted wrong-way import fails: %s', (rule, files) => {
    const { code, output } = cruise(scratch(files));
    expect(output).toContain(`error ${rule}:`);
    expect(code).not.toBe(0);
  });

  it('the server commands may start the server (the one allowed edge from the CLI)', () => {
    const { code, output } = cruise(scratch({ 'src/cli/commands/server.ts': importing('../../server/http/control-plane.js'), 'src/server/http/control-plane.ts': leaf }));
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});
