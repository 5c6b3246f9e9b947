/** The flags of `pai validate` (src/cli/commands/validate.ts builds its oclif flags from this table). */
export const VALIDATE_FLAGS = {
  format: { type: 'string', default: 'text', options: ['text', 'json', 'github', 'sarif'], description: 'output format' },
  strict: { type: 'boolean', default: false, description: 'treat warnings as errors (exit 1)' },
  color: { type: 'boolean', default: undefined, description: 'force colour on or off (default: on for a terminal unless NO_COLOR is set)' },
  changed: { type: 'boolean', default: false, description: 'show only problems in files changed since --base (for pull-request annotations); the exit status still counts all' },
  base: { type: 'string', default: 'origin/main', description: 'the git ref --changed compares with' },
  root: { type: 'string', default: undefined, description: 'the configuration that files named on the command line belong to (default: their git top level)' },
} as const;

export const VALIDATE_DESCRIPTION = `Check pai.io/v1 manifests offline: YAML, schemas, references and models.

Reads the files and directories given (default: the current directory), skipping .git,
node_modules and whatever .paiignore lists. Documents that are not pai manifests (CI
workflows, Kubernetes objects …) are skipped. Exit status: 0 valid (warnings allowed),
1 errors (or warnings with --strict).

Files named on the command line (as pre-commit passes them) are checked against the whole
configuration they belong to — the git top level (honouring its .paiignore), or --root DIR —
so references into other files resolve; only problems in the named files are shown and
counted.`;

export const VALIDATE_EXAMPLES = [
  '<%= config.bin %> validate ./config',
  '<%= config.bin %> validate --format github .',
  '<%= config.bin %> validate --json . | jq .summary',
  '<%= config.bin %> validate --format sarif . > pai.sarif',
  '<%= config.bin %> validate --strict agents/reviewer.yaml',
  '<%= config.bin %> validate --root ./config config/agents.yaml',
  '<%= config.bin %> validate --format github --changed --base origin/main .',
];
