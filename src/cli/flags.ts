import { Flags } from '@oclif/core';
import { DEFAULT_NAMESPACE } from '../resources/kinds.js';

/** `-n/--namespace`, as kubectl spells it; `default` when omitted. */
export const namespaceFlag = Flags.string({
  char: 'n',
  description: 'namespace of the resource',
  default: DEFAULT_NAMESPACE,
});

/** `-f/--filename`: files, directories, or `-` for stdin; repeatable. */
export const filenameFlag = Flags.string({
  char: 'f',
  description: 'a manifest file, a directory of them, or - for stdin (repeatable)',
  multiple: true,
});
