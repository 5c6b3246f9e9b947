/** The flags of `pai plan`, shared with `pai apply` (src/cli/commands/plan.ts builds its oclif flags from this table). */
export const PLAN_FLAGS = {
  format: { type: 'string', default: 'text', options: ['text', 'json', 'markdown'], description: 'output format' },
  out: { type: 'string', description: 'save the plan to this file, for `pai apply FILE`' },
  'detailed-exitcode': { type: 'boolean', description: 'exit 2 when there are changes, 0 when there are none' },
  prune: { type: 'boolean', description: 'plan deletes of resources this source applied before and no longer declares' },
  strict: { type: 'boolean', description: 'treat manifest warnings as errors' },
  'diagnostics-format': { type: 'string', default: 'text', options: ['text', 'github'], description: 'how manifest problems are printed on stderr (github: workflow commands that annotate the files)' },
  source: { type: 'string', description: 'name this source (default: `source:` in .pai.yaml, else the git remote as host/owner/repo)' },
  adopt: { type: 'boolean', description: 'take over declared resources that another source applied (otherwise each is an error)' },
} as const;

export const PLAN_SUMMARY = 'Show what applying the manifests would change in the control plane.';

export const PLAN_DESCRIPTION = `Compiles the manifests, reads the live state (one LIST per kind) and shows every create,
update and delete, field by field. Secret values are never shown: a changed value reads
"(sensitive value changed)". Changes made outside git are marked as drift.

Exit status: 0 success, 1 error; with --detailed-exitcode 0 no changes, 1 error, 2 changes.`;

export const PLAN_EXAMPLES = [
  '<%= config.bin %> plan ./config',
  '<%= config.bin %> plan ./config --out plan.json',
  '<%= config.bin %> plan ./config --format markdown > plan.md',
  '<%= config.bin %> plan ./config --detailed-exitcode --prune',
];
