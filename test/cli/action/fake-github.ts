/**
 * A local imitation of GitHub's issue-comments REST API on 127.0.0.1, enough for the sticky
 * comment: list (paginated with a Link header, per_page honoured), create, update, delete. It checks the
 * bearer token and refuses bodies over 65,536 characters, as GitHub does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: string;
}

export interface FakeGithub {
  apiUrl: string;
  repository: string;
  comments: Map<number, FakeComment[]>;
  /** Every request, as `METHOD path?query`. */
  requests: string[];
  /** Makes the next requests fail with this status (e.g. 403). */
  failWith?: number;
  close(): Promise<void>;
}

export const FAKE_TOKEN = 'ghs_faketoken0123456789abcdef';

export async function startFakeGithub(repository = 'acme/pai-config'): Promise<FakeGithub> {
  let nextId = 1000;
  const state: Omit<FakeGithub, 'apiUrl' | 'close'> = { repository, comments: new Map(), requests: [] };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      state.requests.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return send(401, { message: 'Bad credentials' });
      if ((state as FakeGithub).failWith) return send((state as FakeGithub).failWith as number, { message: 'Resource not accessible by integration' });
      const prefix = `/repos/${repository}/issues/`;
      if (!url.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' });
      const rest = url.pathname.slice(prefix.length).split('/');
      const payload = raw ? (JSON.parse(raw) as { body?: string }) : {};
      if (payload.body !== undefined && payload.body.length > 65_536) return send(422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });

      if (rest.length === 2 && rest[1] === 'comments') {
        const issue = Number(rest[0]);
        const list = state.comments.get(issue) ?? [];
        state.comments.set(issue, list);
        if (req.method === 'GET') {
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
          const page = Number(url.searchParams.get('page') ?? 1);
          const slice = list.slice((page - 1) * perPage, page * perPage);
          const headers: Record<string, string> = {};
          if (page * perPage < list.length) {
            const next = `${apiUrl()}${url.pathname}?per_page=${perPage}&page=${page + 1}`;
            const last = `${apiUrl()}${url.pathname}?per_page=${perPage}&page=${Math.ceil(list.length / perPage)}`;
            headers.link = `<${next}>; rel="next", <${last}>; rel="last"`;
          }
          return send(200, slice.map(view), headers);
        }
        if (req.method === 'POST') {
          const comment = { id: nextId++, body: payload.body ?? '', user: 'github-actions[bot]' };
          list.push(comment);
          return send(201, view(comment));
        }
      }
      if (rest.length === 2 && rest[0] === 'comments' && req.method === 'DELETE') {
        for (const list of state.comments.values()) {
          const at = list.findIndex((c) => c.id === Number(rest[1]));
          if (at >= 0) {
            list.splice(at, 1);
            res.writeHead(204).end();
            return;
          }
        }
      }
      if (rest.length === 2 && rest[0] === 'comments' && req.method === 'PATCH') {
        for (const list of state.comments.values()) {
          const comment = list.find((c) => c.id === Number(rest[1]));
          if (comment) {
            comment.body = payload.body ?? comment.body;
            return send(200, view(comment));
          }
        }
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const view = (c: FakeComment) => ({ id: c.id, body: c.body, user: { login: c.user }, html_url: `https://github.com/${repository}/pull/1#issuecomment-${c.id}` });
  return Object.assign(state, {
    apiUrl: apiUrl(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeGithub;
}

/** Adds comments by other people, to push the sticky one onto a later page. */
export function seedComments(gh: FakeGithub, issue: number, count: number, startId = 1): void {
  const list = gh.comments.get(issue) ?? [];
  for (let i = 0; i < count; i++) list.push({ id: startId + i, body: `looks good ${i}`, user: 'reviewer' });
  gh.comments.set(issue, list);
}
