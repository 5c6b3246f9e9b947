/** The sticky plan comment against a local imitation of GitHub's comments API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { GITHUB_COMMENT_MAX, GithubApiError, PLAN_COMMENT_MAX, limitCommentBody, nextPageUrl, stampOf, upsertStickyComment, type CommentTarget, type FetchLike } from '../../../src/cli/action/sticky-comment.js';
import { PLAN_COMMENT_MARKER, renderPlan } from '../../../src/cli/render/plan/index.js';
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
/** A comment body without the run stamp that the action adds as its second line. */
const unstamped = (body: string | undefined) => body?.replace(/\n<!-- pai-plan-run [^\n]* -->/, '');

describe('sticky plan comment with concurrent runs', () => {
  const run = (n: number, sha = `${n}`.padStart(7, 'a')) => ({ run: n, attempt: 1, sha });

  it('an older run that finishes last leaves the newer run\'s plan in place', async () => {
    await upsertStickyComment(client, target, planComment('updates'), run(12));
    const late = await upsertStickyComment(client, target, planComment('creates-only'), run(11));
    expect(late.action).toBe('skipped');
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(stampOf(gh.comments.get(7)![0]!.body)).toEqual(run(12));
    expect(unstamped(gh.comments.get(7)![0]!.body)).toBe(planComment('updates'));
  });

  it('a re-run of the same run, and a newer run, replace the plan', async () => {
    await upsertStickyComment(client, target, planComment('updates'), run(12));
    expect((await upsertStickyComment(client, target, planComment('creates-only'), { ...run(12), attempt: 2 })).action).toBe('updated');
    expect((await upsertStickyComment(client, target, planComment('deletes-prune'), run(13))).action).toBe('updated');
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(unstamped(gh.comments.get(7)![0]!.body)).toBe(planComment('deletes-prune'));
  });

  it('two runs at once leave exactly one comment, holding the newer run\'s plan, whichever starts first', async () => {
    for (let round = 0; round < 10; round++) {
      gh.comments.set(7, round % 3 === 0 ? [] : [{ id: 1, body: `${PLAN_COMMENT_MARKER}\nan old plan`, user: 'github-actions[bot]' }]);
      const older = () => upsertStickyComment(client, target, planComment('creates-only'), run(20 + 2 * round));
      const newer = () => upsertStickyComment(client, target, planComment('updates'), run(21 + 2 * round));
      await Promise.all(round % 2 === 0 ? [older(), newer()] : [newer(), older()]);
      const left = gh.comments.get(7)!;
      expect(left, `round ${round}`).toHaveLength(1);
      expect(stampOf(left[0]!.body).run).toBe(21 + 2 * round);
      expect(unstamped(left[0]!.body)).toBe(planComment('updates'));
    }
  });

  it('a run that finds two plan comments keeps the newest and deletes the other', async () => {
    gh.comments.set(7, [
      { id: 1, body: `${PLAN_COMMENT_MARKER}\n<!-- pai-plan-run {"run":3,"attempt":1} -->\nplan 3`, user: 'github-actions[bot]' },
      { id: 2, body: 'a review', user: 'reviewer' },
      { id: 3, body: `${PLAN_COMMENT_MARKER}\n<!-- pai-plan-run {"run":4,"attempt":1} -->\nplan 4`, user: 'github-actions[bot]' },
    ]);
    const result = await upsertStickyComment(client, target, planComment('updates'), run(5));
    expect(result).toMatchObject({ action: 'updated', id: 3, deleted: 1 });
    expect(gh.comments.get(7)!.map((c) => c.id)).toEqual([2, 3]);
    expect(stampOf(gh.comments.get(7)![1]!.body).run).toBe(5);
  });
});

describe('sticky plan comment', () => {
  it('creates the comment when the pull request has none', async () => {
    const result = await upsertStickyComment(client, target, planComment('creates-only'));
    expect(result.action).toBe('created');
    expect(gh.comments.get(7)?.map((c) => unstamped(c.body))).toEqual([planComment('creates-only')]);
    expect(result.url).toContain(`#issuecomment-${result.id}`);
  });

  it('updates the same comment on the next run instead of adding a second', async () => {
    const first = await upsertStickyComment(client, target, planComment('creates-only'));
    const second = await upsertStickyComment(client, target, planComment('updates'));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(unstamped(gh.comments.get(7)?.[0]?.body)).toBe(planComment('updates'));
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
    // Listed once to find it, once more to check that no other run's write landed after this one.
    const listing = ['GET /repos/acme/pai-config/issues/7/comments?per_page=100', 'GET /repos/acme/pai-config/issues/7/comments?per_page=100&page=2', 'GET /repos/acme/pai-config/issues/7/comments?per_page=100&page=3'];
    expect(gh.requests.filter((r) => r.startsWith('GET'))).toEqual([...listing, ...listing]);
  });

  it('a comment that only mentions the marker later in its body is not taken over', async () => {
    gh.comments.set(7, [{ id: 1, body: `why does the bot write ${PLAN_COMMENT_MARKER}?`, user: 'reviewer' }]);
    const result = await upsertStickyComment(client, target, planComment('updates'));
    expect(result.action).toBe('created');
    expect(gh.comments.get(7)?.[0]?.body).toContain('why does the bot');
  });

  it('a 2,000-resource plan cut by the renderer is accepted (GitHub refuses > 65,536 characters)', async () => {
    const body = renderPlan('markdown', planInput(bigPlan(2000), { maxLength: PLAN_COMMENT_MAX, fullPlanLocation: '[the job summary of this run](https://example.test/run/1)' }));
    const result = await upsertStickyComment(client, target, body);
    expect(result.action).toBe('created');
    const stored = gh.comments.get(7)?.[0]?.body ?? '';
    expect(unstamped(stored)).toBe(body);
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
