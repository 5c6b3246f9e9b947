/** Loads fixtures/render/diagnostics.json as a RenderInput, for the golden and schema tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../../../../src/api/diagnostic.js';
import type { RenderInput } from '../../../../src/cli/render/diagnostics/index.js';
import { REPO_ROOT } from '../../../helpers/cli.js';

export const RENDER_FIXTURES = path.join(REPO_ROOT, 'fixtures/render');

interface FixtureFile {
  filesChecked: number;
  resourcesChecked: number;
  toolVersion: string;
  catalogNote?: string;
  sources: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

/** The golden input; `color` and the other fields can be overridden per test. */
export function loadRenderFixture(overrides: Partial<RenderInput> = {}): RenderInput {
  const raw = JSON.parse(readFileSync(path.join(RENDER_FIXTURES, 'diagnostics.json'), 'utf8')) as FixtureFile;
  return {
    diagnostics: sortDiagnostics(raw.diagnostics),
    filesChecked: raw.filesChecked,
    resourcesChecked: raw.resourcesChecked,
    sourceLine: (file, line) => raw.sources[file]?.[line - 1],
    color: false,
    toolVersion: raw.toolVersion,
    ...(raw.catalogNote ? { catalogNote: raw.catalogNote } : {}),
    ...overrides,
  };
}

/** A minimal input around the given diagnostics, with source lines taken from `sources`. */
export function inputOf(diagnostics: Diagnostic[], sources: Record<string, string[]> = {}, overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    diagnostics,
    filesChecked: 1,
    resourcesChecked: 1,
    sourceLine: (file, line) => sources[file]?.[line - 1],
    color: false,
    toolVersion: '0.0.0-test',
    ...overrides,
  };
}
