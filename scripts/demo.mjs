// The README's main job: start the control plane on the embedded store (PGlite, no external
// service) in a temporary data directory, log in, and take the example configuration of the Pai
// documentation through validate → plan → apply → get → plan (now empty). Each step is printed
// as the command a user would type. `npm run demo` builds first.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'run.js');
const work = mkdtempSync(path.join(tmpdir(), 'pai-demo-'));
const config = 'fixtures/valid/docs-example';
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const env = { ...process.env, PAI_CONFIG: path.join(work, 'config.json'), PAI_CACHE_DIR: path.join(work, 'cache') };

const server = spawn(process.execPath, [bin, 'server', '--port', '0', '--data-dir', path.join(work, 'data')], {
  cwd: root,
  env: { ...env, PAI_BOOTSTRAP_ADMIN_TOKEN: token },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let buf = '';
  server.on('exit', (code) => reject(new Error(`pai server exited with ${code}`)));
  server.stdout.on('data', (d) => {
    buf += d;
    for (const line of buf.split('\n')) {
      try {
        const rec = JSON.parse(line);
        if (rec.msg === 'listening') resolve(rec.url);
      } catch {}
    }
  });
});
console.log(`$ pai server --data-dir ${path.join(work, 'data')}     # embedded PGlite store, listening on ${url}\n`);

function pai(args, { show = args, allowFail = false } = {}) {
  console.log(`$ pai ${show.join(' ')}`);
  const res = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8' });
  process.stdout.write(res.stdout);
  process.stdout.write(res.stderr);
  console.log('');
  if (res.status !== 0 && !allowFail) throw new Error(`pai ${show.join(' ')} exited with ${res.status}`);
  return res.status;
}

let failed = false;
try {
  pai(['login', url, '--token', token], { show: ['login', url, '--token', 'pai_tok_…'] });
  pai(['validate', config]);
  // Secret values never live in git: they are set out of band, once.
  for (const name of ['anthropic-key', 'gemini-key', 'nvidia-key', 'github-pat', 'guard-token']) {
    const key = name === 'github-pat' ? 'token' : name === 'guard-token' ? 'token' : 'api-key';
    pai(['create', 'secret', name, '--from-literal', `${key}=demo-${randomBytes(8).toString('hex')}`], { show: ['create', 'secret', name, '--from-literal', `${key}=…`] });
  }
  pai(['plan', config]);
  pai(['apply', config, '--auto-approve', '--allow-dirty']);
  pai(['get', 'model-providers']);
  pai(['get', 'agents']);
  pai(['plan', config, '--detailed-exitcode']);
} catch (err) {
  failed = true;
  console.error(String(err.message ?? err));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
