import type { Document, Node as YamlNode } from 'yaml';
import { hasSensitivePaths, isSensitivePath } from '../../api/sensitive-fields.js';
/** The `yaml` package, loaded by the caller (source-file.ts loads it once, lazily). */
type YamlModule = typeof import('yaml');

/** Where a file's secret values sit, as 0-based [start, end) offsets, and what they are. */
export interface SensitiveSource {
  ranges: Array<[number, number]>;
  /** The values as parsed (and, for broken YAML, as written), for masking them inside messages. */
  values: string[];
}

/**
 * Finds the secret values of a file by their position in its YAML, whatever their shape: every
 * scalar at or under a position the schema marks sensitive (resources/sensitive-fields.ts) —
 * including values of documents that are not valid YAML, which never become manifests. In such
 * a document, text the parser could not place (a key it had to give up on, an error's span) is
 * masked too when it sits inside a sensitive part. Key names are not values and stay visible.
 */
export function findSensitiveSource(yaml: YamlModule, text: string, documents: readonly Document.Parsed[]): SensitiveSource {
  const found: SensitiveSource = { ranges: [], values: [] };
  const add = (start: number, end: number, value: string): void => {
    if (end <= start) return;
    found.ranges.push([start, end]);
    found.values.push(value);
    const written = text.slice(start, end);
    if (written !== value) found.values.push(written, ...written.split('\n').map((l) => l.trim()));
  };
  for (const doc of documents) {
    const kind = kindOf(yaml, doc);
    if (!hasSensitivePaths(kind)) continue;
    // Spans the parser complained about (not a repeated key, whose name is worth showing, nor a tab).
    const troubled = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY' && e.code !== 'TAB_AS_INDENT').map((e) => e.pos);
    const overlapsTrouble = (r: readonly number[]) => troubled.some(([a, b]) => r[0]! < Math.max(b, a + 1) && a < r[1]!);
    const sensitiveRegions: Array<readonly number[]> = [];
    const path: string[] = [];
    const walk = (node: YamlNode | null | undefined): void => {
      if (!node) return;
      const sensitive = isSensitivePath(kind, path);
      if (yaml.isMap(node)) {
        if (sensitive && node.range) sensitiveRegions.push(node.range);
        for (const pair of node.items) {
          const key = pair.key as YamlNode | null;
          const name = yaml.isScalar(key) ? String(key.value) : '';
          if (sensitive && key?.range && (!yaml.isScalar(key) || overlapsTrouble(key.range))) add(key.range[0], key.range[1], name);
          path.push(name);
          walk(pair.value as YamlNode | null);
          path.pop();
        }
      } else if (yaml.isSeq(node)) {
        if (sensitive && node.range) sensitiveRegions.push(node.range);
        node.items.forEach((item, i) => {
          path.push(String(i));
          walk(item as YamlNode | null);
          path.pop();
        });
      } else if (sensitive && node.range) {
        add(node.range[0], node.range[1], yaml.isScalar(node) ? String(node.value) : text.slice(node.range[0], node.range[1]));
      }
    };
    walk(doc.contents as YamlNode | null);
    for (const [a, b] of troubled) {
      if (sensitiveRegions.some((r) => r[0]! <= a && a < r[2]!)) add(a, Math.max(b, a + 1), text.slice(a, Math.max(b, a + 1)));
    }
  }
  return found;
}

/** The `kind` a document states, read from the AST (so it works for documents with YAML errors too). */
function kindOf(yaml: YamlModule, doc: Document.Parsed): string | undefined {
  const root = doc.contents;
  if (!yaml.isMap(root)) return undefined;
  const kind = root.get('kind', true);
  return yaml.isScalar(kind) && typeof kind.value === 'string' ? kind.value : undefined;
}
