import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of pai's package.json, found by walking up from this module. Code runs from src/
 * (tests), dist/ (tsc), dist/bundle/ (the CLI bundle's chunks) and action/dist/ (the Action), at
 * different depths: counting `../` from a module breaks whenever a bundle or a folder moves.
 */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`pai's package.json was not found above ${start}`);
  }
}

/** A file or folder shipped with the package (schemas/, catalog/, ui/, openapi.json …). */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
