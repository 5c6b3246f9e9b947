import { PLAN_COMMENT_MARKER } from '../render/plan/markdown.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_MAX = 65_536;

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

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
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

/**
 * Posts the comment once per pull request and edits it on every later run, so a PR that gets
 * twenty pushes has one plan comment, always current. The comment is recognised by the hidden
 * marker on its first line; the listing follows GitHub's `Link: <…>; rel="next"` pagination.
 * A body over GitHub's limit is cut as a last resort (callers should cut it properly first).
 */
export async function upsertStickyComment(client: FetchLike, target: CommentTarget, body: string, marker = PLAN_COMMENT_MARKER): Promise<StickyCommentResult> {
  const text = limitCommentBody(body);
  const existing = await findStickyComment(client, target, marker);
  const base = `${target.apiUrl}/repos/${target.repository}`;
  const response = existing
    ? await call(client, target, 'PATCH', `${base}/issues/comments/${existing.id}`, { body: text })
    : await call(client, target, 'POST', `${base}/issues/${target.issueNumber}/comments`, { body: text });
  const comment = (await response.json()) as { id: number; html_url?: string };
  return { action: existing ? 'updated' : 'created', id: comment.id, url: comment.html_url ?? '' };
}

/** The first comment of the pull request whose body starts with the marker, if any. */
export async function findStickyComment(client: FetchLike, target: CommentTarget, marker = PLAN_COMMENT_MARKER): Promise<{ id: number } | undefined> {
  let url: string | undefined = `${target.apiUrl}/repos/${target.repository}/issues/${target.issueNumber}/comments?per_page=100`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response = await call(client, target, 'GET', url);
    const comments = (await response.json()) as Array<{ id: number; body?: string | null }>;
    const found = comments.find((c) => (c.body ?? '').trimStart().startsWith(marker));
    if (found) return { id: found.id };
    url = nextPageUrl(response.headers.get('link'));
  }
  return undefined;
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
  const what = method === 'GET' ? 'listing the pull request comments' : method === 'POST' ? 'posting the plan comment' : 'updating the plan comment';
  const hint = response.status === 403 || response.status === 404 ? ' (the workflow needs `permissions: pull-requests: write`, and pull requests from forks get a read-only token)' : '';
  throw new GithubApiError(`GitHub answered ${response.status} when ${what}${reason ? `: ${reason}` : ''}${hint}`, response.status);
}
