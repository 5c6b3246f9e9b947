import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStoreLocation } from '../../../src/server/http/store-location.js';

const URL_A = 'postgres://pai@db:5432/pai';

describe('which database `pai server migrate/export/import` work on', () => {
  it.each([
    ['--database-url', { 'database-url': URL_A }, {}, { databaseUrl: URL_A }],
    ['--data-dir, made absolute', { 'data-dir': 'rel/dir' }, {}, { dataDir: path.resolve('rel/dir') }],
    ['--data-dir beats PAI_DATABASE_URL', { 'data-dir': '/d' }, { PAI_DATABASE_URL: URL_A }, { dataDir: '/d' }],
    ['PAI_DATABASE_URL without flags', {}, { PAI_DATABASE_URL: URL_A }, { databaseUrl: URL_A }],
    ['the default data dir otherwise', {}, { PAI_DATA_DIR: '/var/pai' }, { dataDir: '/var/pai' }],
  ])('%s', (_name, flags, env, expected) => {
    expect(resolveStoreLocation(flags, env)).toEqual(expected);
  });

  it.each([
    ['both flags', { 'data-dir': '/d', 'database-url': URL_A }, {}, /two different databases/],
    ['a flag URL that is not PostgreSQL', { 'database-url': 'mysql://x' }, {}, /--database-url must be a postgres/],
    ['an environment URL that is not PostgreSQL', {}, { PAI_DATABASE_URL: 'sqlite:x' }, /PAI_DATABASE_URL must be a postgres/],
  ])('refuses %s', (_name, flags, env, message) => {
    expect(() => resolveStoreLocation(flags, env)).toThrow(message);
  });
});
