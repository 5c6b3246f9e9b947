import os from 'node:os';

/** What the runner tells a step about where it runs, read once from the environment. */
export interface GithubContext {
  eventName?: string;
  /** `owner/name`. */
  repository?: string;
  apiUrl: string;
  serverUrl: string;
  runId?: string;
  /** GITHUB_RUN_NUMBER and GITHUB_RUN_ATTEMPT: later pushes start runs with higher numbers. */
  runNumber?: number;
  runAttempt?: number;
  /** The pull request's head commit (from the event; GITHUB_SHA is the merge commit there). */
  headSha?: string;
  /** Set on pull_request and pull_request_target events. */
  pullRequestNumber?: number;
  /** $GITHUB_STEP_SUMMARY: markdown appended here shows on the run's summary page. */
  stepSummaryFile?: string;
  /** $GITHUB_OUTPUT: `name=value` lines become the step's outputs. */
  outputFile?: string;
  tempDir: string;
  workspace: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Reads the GITHUB_* variables and, on pull-request events, the PR number from the event
 * payload ($GITHUB_EVENT_PATH). A payload that cannot be read leaves the number unset: the
 * action then skips the comment and says so, rather than failing the plan.
 */
export function readGithubContext(env: Readonly<Record<string, string | undefined>>, readText: (file: string) => string): GithubContext {
  const ctx: GithubContext = {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    tempDir: env.RUNNER_TEMP || os.tmpdir(),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
  if (env.GITHUB_EVENT_NAME) ctx.eventName = env.GITHUB_EVENT_NAME;
  if (env.GITHUB_REPOSITORY) ctx.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_RUN_ID) ctx.runId = env.GITHUB_RUN_ID;
  if (/^\d+$/.test(env.GITHUB_RUN_NUMBER ?? '')) ctx.runNumber = Number(env.GITHUB_RUN_NUMBER);
  if (/^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '')) ctx.runAttempt = Number(env.GITHUB_RUN_ATTEMPT);
  if (env.GITHUB_STEP_SUMMARY) ctx.stepSummaryFile = env.GITHUB_STEP_SUMMARY;
  if (env.GITHUB_OUTPUT) ctx.outputFile = env.GITHUB_OUTPUT;
  if (ctx.eventName && PULL_REQUEST_EVENTS.has(ctx.eventName) && env.GITHUB_EVENT_PATH) {
    const pr = pullRequest(env.GITHUB_EVENT_PATH, readText);
    if (pr.number !== undefined) ctx.pullRequestNumber = pr.number;
    if (pr.headSha !== undefined) ctx.headSha = pr.headSha;
  }
  return ctx;
}

function pullRequest(eventPath: string, readText: (file: string) => string): { number?: number; headSha?: string } {
  try {
    const event = JSON.parse(readText(eventPath)) as { pull_request?: { number?: unknown; head?: { sha?: unknown } }; number?: unknown };
    const n = event.pull_request?.number ?? event.number;
    const sha = event.pull_request?.head?.sha;
    return {
      ...(typeof n === 'number' && Number.isInteger(n) && n > 0 ? { number: n } : {}),
      ...(typeof sha === 'string' && /^[0-9a-f]{7,64}$/.test(sha) ? { headSha: sha } : {}),
    };
  } catch {
    return {};
  }
}

/** The page of this workflow run, where the job summary is shown. */
export function runUrl(ctx: GithubContext): string | undefined {
  return ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : undefined;
}
