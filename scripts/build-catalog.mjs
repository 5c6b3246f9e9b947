#!/usr/bin/env node
// Builds the model catalogue that ships with pai (catalog/<provider>.json) from the curated
// snapshot in /work/shared/catalog (see its README.md). The shipped files keep only what the
// validator needs — ids, lifecycle and context windows — so that loading one is a cheap
// read + JSON.parse on every `pai validate`.
//
// Usage: node scripts/build-catalog.mjs [SOURCE_DIR] [--out DIR]
//   SOURCE_DIR defaults to ../shared/catalog relative to the repo root; --out to <repo>/catalog.
// The output is deterministic: the same input gives byte-identical files.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROVIDERS = ['anthropic', 'openai', 'gemini', 'openrouter', 'nvidia'];
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let source = path.resolve(REPO_ROOT, '../shared/catalog');
  let out = path.join(REPO_ROOT, 'catalog');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = path.resolve(argv[++i] ?? fail('--out needs a directory'));
    else if (argv[i].startsWith('-')) fail(`unknown option ${argv[i]}; usage: build-catalog.mjs [SOURCE_DIR] [--out DIR]`);
    else source = path.resolve(argv[i]);
  }
  return { source, out };
}

function fail(message) {
  process.stderr.write(`build-catalog: ${message}\n`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`cannot read ${file}: ${err.message}`);
  }
}

/** id → { shutdown, replacement } from supplements.json lifecycle rows (last row wins, as in gen.mjs). */
function lifecycleIndex(supplements, provider) {
  const index = new Map();
  for (const row of supplements.providers?.[provider]?.lifecycle ?? []) {
    for (const id of row.ids ?? []) index.set(id, { shutdown: row.shutdown ?? null, replacement: row.replacement ?? null });
  }
  return index;
}

/** One compact model entry: only the keys that carry information, in a fixed order. */
function compactModel(model, lifecycle) {
  const entry = { id: model.id };
  if (model.deprecated === true) {
    entry.deprecated = true;
    const row = lifecycle.get(model.id);
    if (row?.shutdown) entry.shutdownOn = row.shutdown;
    if (row?.replacement) entry.replacement = row.replacement;
  }
  if (typeof model.contextWindow === 'number') entry.contextWindow = model.contextWindow;
  return entry;
}

function compactRetired(model) {
  return { id: model.id, retiredOn: model.retiredOn ?? null, replacement: model.replacement ?? null };
}

/** JSON with one model per line: small, and a refresh shows up as a readable diff. */
function render(catalog) {
  const head = Object.entries(catalog)
    .filter(([k]) => k !== 'models' && k !== 'retired')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const list = (items) => (items.length ? `[\n${items.map((m) => `    ${JSON.stringify(m)}`).join(',\n')}\n  ]` : '[]');
  return `{\n${head.join(',\n')},\n  "models": ${list(catalog.models)},\n  "retired": ${list(catalog.retired)}\n}\n`;
}

function build(source, provider, supplements) {
  const snapshot = readJson(path.join(source, `${provider}.json`));
  if (snapshot.formatVersion !== 1 || snapshot.provider !== provider) fail(`${provider}.json is not a formatVersion 1 snapshot of ${provider}`);
  const lifecycle = lifecycleIndex(supplements, provider);
  const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    formatVersion: 1,
    provider,
    snapshotDate: snapshot.snapshotDate,
    generatedAt: snapshot.generatedAt,
    source: String(snapshot.source).replace(/\s+/g, ' ').trim(),
    models: snapshot.models.map((m) => compactModel(m, lifecycle)).sort(byId),
    retired: (snapshot.retired ?? []).map(compactRetired).sort(byId),
  };
}

const { source, out } = parseArgs(process.argv.slice(2));
const supplements = readJson(path.join(source, 'supplements.json'));
mkdirSync(out, { recursive: true });
for (const provider of PROVIDERS) {
  const catalog = build(source, provider, supplements);
  const file = path.join(out, `${provider}.json`);
  writeFileSync(`${file}.tmp`, render(catalog));
  renameSync(`${file}.tmp`, file);
  const deprecated = catalog.models.filter((m) => m.deprecated).length;
  process.stdout.write(`${provider}: ${catalog.models.length} models (${deprecated} deprecated), ${catalog.retired.length} retired → ${path.relative(process.cwd(), file)}\n`);
}
