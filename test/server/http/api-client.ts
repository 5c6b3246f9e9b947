import type { RunningServer } from '../../helpers/server.js';

/** A response as the tests look at it. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A tiny fetch wrapper for the server tests: admin token by default, JSON in and out. Tests use
 * plain fetch (not the CLI's client) so that the server is checked against the wire contract.
 */
export function apiClient(server: Pick<RunningServer, 'url' | 'token'>) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    init: { token?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? server.token : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = init.rawBody;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
  return {
    call,
    get: (path: string, init?: Parameters<typeof call>[3]) => call('GET', path, undefined, init),
    post: (path: string, body?: unknown, init?: Parameters<typeof call>[3]) => call('POST', path, body, init),
    put: (path: string, body?: unknown, init?: Parameters<typeof call>[3]) => call('PUT', path, body, init),
    del: (path: string, init?: Parameters<typeof call>[3]) => call('DELETE', path, undefined, init),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
