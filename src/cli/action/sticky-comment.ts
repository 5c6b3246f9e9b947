import { PLAN_COMMENT_MARKER } from '../render/plan/markdown.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_MAX = 65_536;

/** How long a plan comment's body may be: GitHub's limit less room for the run stamp. */
export const PLAN_COMMENT_MAX = GITHUB_COMMENT_MAX - 200;

/** The part of `fetch` the comment logic uses, so tests can pass any client. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; json(): Promise<unknown>; text(): Promise<string> }>;

/** The pull request (an issue, for the comments API) whose sticky comment is managed. */
export interface CommentTarget {
  /** e.g. https://api.github.com (GITHUB_API_URL, which differs on GitHub Enterprise). */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  issueNumber: number;
  token: string;
}

/**
 * Which run wrote a plan comment: the workflow run's number (a later push starts a run with a
 * higher number), its attempt (a re-run of the same run), and the pull request's head commit.
 * It travels in the comment as a hidden line, so a run can tell whether the comment it finds
 * is older or newer than its own plan.
 */
export interface RunStamp {
  run: number;
  attempt: number;
  sha?: string;
}

export interface StickyCommentResult {
  /** `skipped`: a newer run's plan is already there, and is left as it is. */
  action: 'created' | 'updated' | 'skipped';
  id: number;
  url: string;
  /** How many duplicate plan comments (left by runs that raced) were deleted. */
  deleted: number;
}

/** A GitHub API call failed; the message says which call, the status and GitHub's reason. */
export class GithubApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

/** The most comments looked through for the marker (100 pages of 100). */
const MAX_PAGES = 100;

const STAMP_PREFIX = '<!-- pai-plan-run ';

/** How often a run writes again when a comment it checks holds an older run's plan. */
const MAX_WRITES = 3;

/**
 * Keeps exactly one plan comment per pull request, holding the newest run's plan:
 * - the comment carries its run's stamp; a run never replaces a newer run's plan (an older run
 *   that finishes last leaves the comment alone);
 * - one comment is edited in place on every later run, so twenty pushes make one comment;
 * - runs that raced and both posted leave duplicates: every run deletes all plan comments but the
 *   newest after writing, and every run computes the same newest, so one survives;
 * - after writing, the run reads the comments again and writes once more if an older run's write
 *   landed after its own (bounded). A `concurrency:` group per pull request (see
 *   docs/github-action.md) makes such races rare in the first place.
 * Comments are recognised by the hidden marker on their first line; listings follow GitHub's
 * `Link: <…>; rel="next"` pagination. A body over GitHub's limit is cut as a last resort.
 */
export async function upsertStickyComment(client: FetchLike, target: CommentTarget, body: string, stamp: RunStamp = { run: 0, attempt: 0 }, marker = PLAN_COMMENT_MARKER): Promise<StickyCommentResult> {
  const text = limitCommentBody(withStamp(body, stamp, marker));
  const base = `${target.apiUrl}/repos/${target.repository}`;
  let result: StickyCommentResult | undefined;
  for (let write = 0; write < MAX_WRITES; write++) {
    const comments = await listPlanComments(client, target, marker);
    const newest = newestOf(comments);
    if (result && newest && newest.id === result.id && compareStamps(newest.stamp, stamp) >= 0) {
      return { ...result, deleted: result.deleted + (await deleteAllBut(client, target, comments, newest.id)) };
    }
    if (newest && compareStamps(newest.stamp, stamp) > 0) {
      const deleted = await deleteAllBut(client, target, comments, newest.id);
      return result ? { ...result, deleted: result.deleted + deleted } : { action: 'skipped', id: newest.id, url: '', deleted };
    }
    const response = newest
      ? await call(client, target, 'PATCH', `${base}/issues/comments/${newest.id}`, { body: text })
      : await call(client, target, 'POST', `${base}/issues/${target.issueNumber}/comments`, { body: text });
    const comment = (await response.json()) as { id: number; html_url?: string };
    result = { action: result?.action ?? (newest ? 'updated' : 'created'), id: comment.id, url: comment.html_url ?? '', deleted: result?.deleted ?? 0 };
  }
  return result!;
}

/** The body with the run's stamp as a hidden second line (the marker stays first). */
function withStamp(body: string, stamp: RunStamp, marker: string): string {
  const line = `${STAMP_PREFIX}${JSON.stringify(stamp)} -->`;
  const trimmed = body.trimStart();
  return trimmed.startsWith(marker) ? `${marker}\n${line}${trimmed.slice(marker.length)}` : `${marker}\n${line}\n${body}`;
}

/** The stamp of a comment body; a comment without one (older pai) counts as older than any run. */
export function stampOf(body: string): RunStamp {
  const at = body.indexOf(STAMP_PREFIX);
  if (at >= 0) {
    try {
      const value = JSON.parse(body.slice(at + STAMP_PREFIX.length, body.indexOf(' -->', at))) as Partial<RunStamp>;
      if (typeof value.run === 'number' && typeof value.attempt === 'number') return { run: value.run, attempt: value.attempt, ...(typeof value.sha === 'string' ? { sha: value.sha } : {}) };
    } catch {
      // A damaged stamp: treat the comment as old.
    }
  }
  return { run: -1, attempt: -1 };
}

function compareStamps(a: RunStamp, b: RunStamp): number {
  return a.run - b.run || a.attempt - b.attempt;
}

interface PlanComment {
  id: number;
  stamp: RunStamp;
}

/** The newest plan comment: highest stamp, then the lowest id, so every run picks the same one. */
function newestOf(comments: readonly PlanComment[]): PlanComment | undefined {
  let newest: PlanComment | undefined;
  for (const c of comments) {
    if (!newest || compareStamps(c.stamp, newest.stamp) > 0 || (compareStamps(c.stamp, newest.stamp) === 0 && c.id < newest.id)) newest = c;
  }
  return newest;
}

/** Deletes every plan comment but `keep`; one another run deleted meanwhile (404) is fine. */
async function deleteAllBut(client: FetchLike, target: CommentTarget, comments: readonly PlanComment[], keep: number): Promise<number> {
  let deleted = 0;
  for (const c of comments) {
    if (c.id === keep) continue;
    try {
      await call(client, target, 'DELETE', `${target.apiUrl}/repos/${target.repository}/issues/comments/${c.id}`);
      deleted++;
    } catch (err) {
      if (!(err instanceof GithubApiError && err.status === 404)) throw err;
    }
  }
  return deleted;
}

/** Every comment of the pull request whose body starts with the marker, with its stamp. */
async function listPlanComments(client: FetchLike, target: CommentTarget, marker: string): Promise<PlanComment[]> {
  const found: PlanComment[] = [];
  let url: string | undefined = `${target.apiUrl}/repos/${target.repository}/issues/${target.issueNumber}/comments?per_page=100`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await call(client, target, 'GET', url);
    const comments = (await response.json()) as Array<{ id: number; body?: string | null }>;
    for (const c of comments) if ((c.body ?? '').trimStart().startsWith(marker)) found.push({ id: c.id, stamp: stampOf(c.body ?? '') });
    url = nextPageUrl(response.headers.get('link'));
  }
  return found;
}

/** The `rel="next"` URL of a Link header (RFC 8288), as GitHub sends it. */
export function nextPageUrl(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /^<([^>]+)>(.*)$/.exec(part.trim());
    const rel = m ? /;\s*rel="?([^";]+)"?/.exec(m[2] ?? '') : null;
    if (m && rel?.[1]?.split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/** Cuts a too-long body at a line boundary and says so; never returns more than the limit. */
export function limitCommentBody(body: string, max = GITHUB_COMMENT_MAX): string {
  if (body.length <= max) return body;
  const note = '\n\n**… cut to fit a GitHub comment.**\n';
  const room = body.lastIndexOf('\n', max - note.length);
  return body.slice(0, room > 0 ? room : max - note.length) + note;
}

async function call(client: FetchLike, target: CommentTarget, method: string, url: string, payload?: unknown): ReturnType<FetchLike> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${target.token}`,
    'user-agent': 'pai-github-action',
    'x-github-api-version': '2022-11-28',
  };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await client(url, { method, headers, ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}) });
  if (response.ok) return response;
  let reason = '';
  try {
    reason = String(((await response.json()) as { message?: unknown }).message ?? '');
  } catch {
    // Not JSON: the status says enough.
  }
  const what = { GET: 'listing the pull request comments', POST: 'posting the plan comment', PATCH: 'updating the plan comment', DELETE: 'deleting a duplicate plan comment' }[method] ?? method;
  const hint = response.status === 403 || response.status === 404 ? ' (the workflow needs `permissions: pull-requests: write`, and pull requests from forks get a read-only token)' : '';
  throw new GithubApiError(`GitHub answered ${response.status} when ${what}${reason ? `: ${reason}` : ''}${hint}`, response.status);
}
