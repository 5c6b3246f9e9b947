/**
 * The exit statuses of every pai command, in one table so that scripts and CI can rely on them.
 * Modelled on `terraform plan -detailed-exitcode`: 0 means success, 1 any error (bad input, a
 * server that refused the request or could not be reached), 2 is reserved for "the plan has
 * changes" so that CI can tell "nothing to do" from "something to apply" without parsing output.
 */
export const EXIT_CODES = {
  /** The command did what was asked. */
  ok: 0,
  /** User input, credentials, the control plane or the network made the command fail. */
  error: 1,
  /** Reserved for `pai plan --detailed-exitcode`: the plan is not empty. */
  changesPresent: 2,
} as const;

