/**
 * The pai library: everything the CLI does is available here, without the CLI.
 * `import { compile } from 'pai'`.
 */
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export type { Diagnostic, Severity, SourceRange, ResourceKey } from './resources/diagnostic.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './resources/diagnostic-codes.js';
export { validateManifest } from './validate/index.js';
export { checkResourceLocally } from './check/index.js';
export { parseModelRef, type ModelRef } from './resources/model-ref.js';
export { KINDS, API_VERSION, kindInfo, resolveKindAlias } from './resources/kinds.js';
export type { LoadedResource } from './load/load.js';
