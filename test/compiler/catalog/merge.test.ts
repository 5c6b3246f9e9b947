import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../src/compiler/catalog/catalog-file.js';
import { mergeListing } from '../../../src/compiler/catalog/merge.js';

const current: CatalogFile = {
  formatVersion: 1,
  provider: 'openai',
  snapshotDate: '2026-07-02',
  generatedAt: '2026-11-25',
  source: 'snapshot',
  models: [
    { id: 'alias-not-listed' },
    { id: 'gpt-4o', deprecated: true, shutdownOn: '2027-01-14', replacement: 'gpt-6-luna', contextWindow: 128000 },
    { id: 'o3' },
  ],
  retired: [{ id: 'chatgpt-4o-latest', retiredOn: '2026-02-17', replacement: 'gpt-5.1-chat-latest' }],
};
const meta = { fetchedAt: '2026-11-26T10:00:00.000Z', url: 'https://api.openai.com/v1/models' };

describe('mergeListing', () => {
  const { file, added } = mergeListing(
    current,
    [{ id: 'gpt-4o' }, { id: 'o3', shutdownOn: '2026-12-11' }, { id: 'gpt-new', contextWindow: 400000 }, { id: 'gpt-new' }, { id: 'chatgpt-4o-latest' }],
    meta,
  );
  const byId = Object.fromEntries(file.models.map((m) => [m.id, m]));

  it.each([
    ['a listed id keeps its known lifecycle and context window', 'gpt-4o', { id: 'gpt-4o', deprecated: true, shutdownOn: '2027-01-14', replacement: 'gpt-6-luna', contextWindow: 128000 }],
    ['a shutdown date announced by the API makes a model deprecated', 'o3', { id: 'o3', deprecated: true, shutdownOn: '2026-12-11' }],
    ['a new id is added with what the API says', 'gpt-new', { id: 'gpt-new', contextWindow: 400000 }],
    ['an id the API omits is kept (aliases are not listed)', 'alias-not-listed', { id: 'alias-not-listed' }],
  ])('%s', (_name, id, expected) => {
    expect(byId[id]).toEqual(expected);
  });

  it('a retired id stays retired even when listed', () => {
    expect(byId['chatgpt-4o-latest']).toBeUndefined();
    expect(file.retired).toEqual(current.retired);
  });

  it('reports new ids once, sorted, and stamps the file', () => {
    expect(added).toEqual(['gpt-new']);
    expect(file.models.map((m) => m.id)).toEqual(['alias-not-listed', 'gpt-4o', 'gpt-new', 'o3']);
    expect(file).toMatchObject({ formatVersion: 1, provider: 'openai', snapshotDate: '2026-07-02', generatedAt: '2026-11-25', fetchedAt: meta.fetchedAt });
    expect(file.source).toContain(meta.url);
  });
});
