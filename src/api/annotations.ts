// The annotations pai itself writes on the resources it applies (docs/api.md): who applied a
// resource, from which commit, and what was last applied (for three-way diffs and drift).

/** The source that applied the resource: `host/owner/repo#path` or an explicit `--source`. */
export const ANNOTATION_MANAGED_BY = 'pai.io/managed-by';
/** The commit the resource was last applied from. */
export const ANNOTATION_COMMIT = 'pai.io/git-commit';
/** The manifest as last applied, so that plan can tell a git change from drift. */
export const ANNOTATION_LAST_APPLIED = 'pai.io/last-applied';
