import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Manifest } from '../api/wire.js';
import { API_VERSION, kindInfo } from '../api/kinds.js';
import { forEachSensitiveValue } from '../api/sensitive-fields.js';
import { registerSensitive } from './sensitive.js';
import { UserError } from '../lib/user-error.js';
import type { ManifestDocument } from '../compiler/apply/imperative.js';


const MAX_FILE_BYTES = 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads the manifests behind `-f` arguments: files, directories (recursively: *.yaml, *.yml,
 * *.json; hidden entries and node_modules skipped) and `-` for stdin. All input is read and
 * checked before anything is sent, so a typo in the last file does not leave half of the input
 * applied. Problems are collected and thrown as one UserError listing each with its place.
 *
 * A stop-gap: the compiler's loader (src/compiler/load) will replace this with full diagnostics.
 */
export async function readManifests(inputs: readonly string[], readStdin: () => Promise<string>): Promise<ManifestDocument[]> {
  const documents: ManifestDocument[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      parseInto('<stdin>', await readStdin(), { fromDirectory: false }, documents, problems);
      continue;
    }
    let files: string[];
    let fromDirectory = false;
    try {
      if (statSync(input).isDirectory()) {
        files = walk(input);
        fromDirectory = true;
        if (files.length === 0) problems.push(`${input}: no .yaml, .yml or .json files in this directory`);
      } else files = [input];
    } catch {
      problems.push(`${input}: no such file or directory`);
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        if (statSync(file).size > MAX_FILE_BYTES) {
          problems.push(`${file}: larger than 1 MiB; split it into several files`);
          continue;
        }
        text = readFileSync(file, 'utf8');
      } catch {
        problems.push(`${file}: cannot be read`);
        continue;
      }
      parseInto(file, text, { fromDirectory }, documents, problems);
    }
  }
  if (problems.length > 0) {
    throw new UserError(
      problems.length === 1 ? 'the input has a problem; nothing was sent' : `the input has ${problems.length} problems; nothing was sent`,
      '`pai validate PATH` checks manifests offline with line numbers',
      problems,
    );
  }
  if (documents.length === 0) throw new UserError('the input holds no pai manifests', 'give files with `apiVersion: pai.io/v1` documents');
  return documents;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile() && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

function parseInto(file: string, text: string, options: { fromDirectory: boolean }, documents: ManifestDocument[], problems: string[]): void {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const doc of docs) {
    const start = lines.linePos(doc.contents?.range?.[0] ?? doc.range[0]);
    const where = `${file}:${start.line}`;
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = lines.linePos(error.pos[0]);
        // Only the first sentence: yaml's full message quotes the source line, which may hold a secret.
        problems.push(`${file}:${pos.line}:${pos.col}: YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      problems.push(`${where}: YAML aliases expand to too many nodes`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const record = value as Record<string, unknown>;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: not a mapping; a manifest has apiVersion, kind, metadata and spec`);
      continue;
    }
    registerSecretValues(record);
    if (record.apiVersion !== API_VERSION) {
      if (options.fromDirectory && !String(record.apiVersion ?? '').startsWith('pai.io')) continue; // not ours (CI files …)
      problems.push(`${where}: apiVersion must be ${API_VERSION}`);
      continue;
    }
    const kind = typeof record.kind === 'string' ? kindInfo(record.kind) : undefined;
    if (!kind) {
      problems.push(`${where}: unknown kind ${JSON.stringify(record.kind ?? null)}`);
      continue;
    }
    const name = (record.metadata as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name === '') {
      problems.push(`${where}: metadata.name is required`);
      continue;
    }
    documents.push({ manifest: record as Manifest, source: where });
  }
}

/**
 * The secret values of a manifest (by position: whatever sits in a Secret, whatever its shape)
 * are registered at once, so no later message — the server's included — can print them. A value
 * under `data` is registered decoded as well.
 */
function registerSecretValues(record: Record<string, unknown>): void {
  forEachSensitiveValue(record, (value, path) => {
    registerSensitive(value);
    if (path[0] === 'spec' && path[1] === 'data') registerSensitive(Buffer.from(value, 'base64').toString('utf8'));
  });
}
