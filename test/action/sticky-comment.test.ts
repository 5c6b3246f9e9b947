/** The sticky plan comment against a local imitation of GitHub's comments API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { GITHUB_COMMENT_MAX, GithubApiError, limitCommentBody, nextPageUrl, upsertStickyComment, type CommentTarget, type FetchLike } from '../../src/action/sticky-comment.js';
import { PLAN_COMMENT_MARKER, renderPlan } from '../../src/render/plan/index.js';
import { bigPlan, loadPlan, planInput } from '../render/plan/fixture.js';
import { FAKE_TOKEN, seedComments, startFakeGithub, type FakeGithub } from './fake-github.js';

const client: FetchLike = (url, init) => fetch(url, init);
let gh: FakeGithub;
let target: CommentTarget;

beforeEach(async () => {
  gh = await startFakeGithub();
  target = { apiUrl: gh.apiUrl, repository: gh.repository, issueNumber: 7, token: FAKE_TOKEN };
});
afterEach(() => gh.close());

const planComment = (name: string) => renderPlan('markdown', planInput(loadPlan(name)));

describe('sticky plan comment', () => {
  it('creates the comment when the pull request has none', async () => {
    const result = await upsertStickyComment(client, target, planComment('creates-only'));
    expect(result.action).toBe('created');
    expect(gh.comments.get(7)?.map((c) => c.body)).toEqual([planComment('creates-only')]);
    expect(result.url).toContain(`#issuecomment-${result.id}`);
  });

  it('updates the same comment on the next run instead of adding a second', async () => {
    const first = await upsertStickyComment(client, target, planComment('creates-only'));
    const second = await upsertStickyComment(client, target, planComment('updates'));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(gh.comments.get(7)?.[0]?.body).toBe(planComment('updates'));
    expect(gh.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(gh.requests.filter((r) => r.startsWith('PATCH'))).toEqual([`PATCH /repos/acme/pai-config/issues/comments/${first.id}`]);
  });

  it('finds the comment on a later page by following the Link header', async () => {
    seedComments(gh, 7, 250);
    const sticky = { id: 99_999, body: `${PLAN_COMMENT_MARKER}\n### pai plan: old`, user: 'github-actions[bot]' };
    gh.comments.get(7)?.push(sticky);
    seedComments(gh, 7, 10, 5_000);
    const result = await upsertStickyComment(client, target, planComment('updates'));
    expect(result).toMatchObject({ action: 'updated', id: 99_999 });
    expect(gh.comments.get(7)).toHaveLength(261);
    expect(gh.requests.filter((r) => r.startsWith('GET'))).toEqual([
      'GET /repos/acme/pai-config/issues/7/comments?per_page=100',
      'GET /repos/acme/pai-config/issues/7/comments?per_page=100&page=2',
      'GET /repos/acme/pai-config/issues/7/comments?per_page=100&page=3',
    ]);
  });

  it('a comment that only mentions the marker later in its body is not taken over', async () => {
    gh.comments.set(7, [{ id: 1, body: `why does the bot write ${PLAN_COMMENT_MARKER}?`, user: 'reviewer' }]);
    const result = await upsertStickyComment(client, target, planComment('updates'));
    expect(result.action).toBe('created');
    expect(gh.comments.get(7)?.[0]?.body).toContain('why does the bot');
  });

  it('a 2,000-resource plan cut by the renderer is accepted (GitHub refuses > 65,536 characters)', async () => {
    const body = renderPlan('markdown', planInput(bigPlan(2000), { maxLength: GITHUB_COMMENT_MAX, fullPlanLocation: '[the job summary of this run](https://example.test/run/1)' }));
    const result = await upsertStickyComment(client, target, body);
    expect(result.action).toBe('created');
    const stored = gh.comments.get(7)?.[0]?.body ?? '';
    expect(stored).toBe(body);
    expect(stored.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
    expect(stored).toContain('more resources not shown. The whole plan is in [the job summary of this run]');
  });

  it('a body over the limit that reaches the client anyway is cut at a line, not refused', async () => {
    const body = `${PLAN_COMMENT_MARKER}\n` + 'x'.repeat(100) + '\n'.repeat(1) + 'line\n'.repeat(20_000);
    await upsertStickyComment(client, target, body);
    const stored = gh.comments.get(7)?.[0]?.body ?? '';
    expect(stored.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
    expect(stored.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(stored.endsWith('**… cut to fit a GitHub comment.**\n')).toBe(true);
    expect(limitCommentBody('short')).toBe('short');
  });

  it('a refusal becomes a GithubApiError with the status, GitHub\'s reason and a hint, never the token', async () => {
    gh.failWith = 403;
    const err = await upsertStickyComment(client, target, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubApiError);
    expect((err as GithubApiError).status).toBe(403);
    expect((err as Error).message).toContain('GitHub answered 403 when listing the pull request comments: Resource not accessible by integration');
    expect((err as Error).message).toContain('pull-requests: write');
    expect((err as Error).message).not.toContain(FAKE_TOKEN);
  });

  const LINKS: Array<[string, string | null, string | undefined]> = [
    ['no header', null, undefined],
    ['next and last', '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"', 'https://api.github.com/x?page=2'],
    ['only prev and first (the last page)', '<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"', undefined],
    ['next among several rel values', '<https://a.test/?page=3>; rel="prev next"', 'https://a.test/?page=3'],
  ];
  for (const [name, header, expected] of LINKS) {
    it(`Link header: ${name}`, () => expect(nextPageUrl(header)).toBe(expected));
  }
});
