/**
 * The exit statuses of every pai command, in one table so that scripts and CI can rely on them
 * (docs/cli.md prints it). Modelled on `terraform plan -detailed-exitcode` and sysexits(3): 0 means
 * success, 1 the command could not do its job (invalid manifests, a server that refused the request
 * or could not be reached), 2 is reserved for "the plan has changes" so that CI can tell "nothing to
 * do" from "something to apply" without parsing output, and 64 says the command line itself is
 * wrong (an unknown command, flag or argument, a bad flag value) — nothing was attempted.
 */
export const EXIT_CODES = {
  /** The command did what was asked. */
  ok: 0,
  /** User input, credentials, the control plane or the network made the command fail. */
  error: 1,
  /** Reserved for `pai plan --detailed-exitcode`: the plan is not empty. */
  changesPresent: 2,
  /** The command line is wrong (sysexits EX_USAGE): unknown command or flag, bad argument or flag value. */
  usage: 64,
} as const;
