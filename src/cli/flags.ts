import { Flags } from '@oclif/core';
import { configPath, readConfig } from './config/config-file.js';
import { contextNamespace } from './config/connection.js';
import { DEFAULT_NAMESPACE } from '../api/kinds.js';

/**
 * `-n/--namespace`, as kubectl spells it. When omitted: the namespace of the context the command
 * connects to (`pai context set-namespace`, `pai login --namespace`), else `default`. Resolved
 * here, once, so that every command that takes `-n` honours the context the same way.
 */
export const namespaceFlag = Flags.string({
  char: 'n',
  description: 'namespace of the resource',
  default: async ({ flags }) => contextNamespace(readConfig(configPath()), typeof flags.context === 'string' ? flags.context : undefined),
  defaultHelp: async () => `the context's namespace, else ${DEFAULT_NAMESPACE}`,
});

/** `-f/--filename`: files, directories, or `-` for stdin; repeatable. */
export const filenameFlag = Flags.string({
  char: 'f',
  description: 'a manifest file, a directory of them, or - for stdin (repeatable)',
  multiple: true,
});
