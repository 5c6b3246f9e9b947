import { readGithubContext } from './github-context.js';
import { parseActionInputs } from './inputs.js';
import { runApplyMode } from './apply-mode.js';
import type { ActionIo, ModeContext } from './mode-context.js';
import type { PaiRunner } from './pai-process.js';
import { runPlanMode } from './plan-mode.js';
import type { FetchLike } from './sticky-comment.js';
import { runValidateMode } from './validate-mode.js';
import { addMask, errorCommand, redactSecrets } from './workflow-commands.js';

/** What the action needs from the outside world; main.ts passes the real ones, tests fakes. */
export interface ActionDeps {
  env: Readonly<Record<string, string | undefined>>;
  io: ActionIo;
  fetch: FetchLike;
  /** Makes the runner for pai with the control plane's URL and token in its environment. */
  createRunner(connection: { server?: string; token?: string; cwd: string }): PaiRunner;
}

/**
 * The GitHub Action: reads the inputs, masks the tokens, then runs the mode. Returns the exit
 * code for the step; problems are reported as `::error::` lines, never as stack traces, and
 * never with a token in them.
 */
export async function runAction(deps: ActionDeps): Promise<number> {
  const parsed = parseActionInputs(deps.env);
  if (!parsed.ok) {
    deps.io.write(errorCommand(parsed.message));
    return 1;
  }
  const { inputs } = parsed;
  // Secrets from `secrets.*` are masked by the runner already; this also covers tokens that
  // reach the action some other way (an output of an earlier step, a vars value).
  for (const secret of [inputs.token, inputs.githubToken]) if (secret) deps.io.write(addMask(secret));

  const github = readGithubContext(deps.env, deps.io.readText);
  const ctx: ModeContext = {
    inputs,
    github,
    io: deps.io,
    fetch: deps.fetch,
    runPai: deps.createRunner({ ...(inputs.server ? { server: inputs.server } : {}), ...(inputs.token ? { token: inputs.token } : {}), cwd: github.workspace }),
  };
  try {
    if (inputs.mode === 'validate') return await runValidateMode(ctx);
    if (inputs.mode === 'plan') return await runPlanMode(ctx);
    return await runApplyMode(ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.io.write(errorCommand(`the pai action failed: ${redactSecrets(message, [inputs.token, inputs.githubToken])}`));
    return 1;
  }
}
