import { UserError } from '../../lib/user-error.js';
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/**
 * The Host names a server answers to, or undefined to answer any. A server on a loopback address
 * is reachable from every web page the machine's browser opens: a page on a domain that the
 * attacker re-points at 127.0.0.1 (DNS rebinding) is same-origin with it, and only the Host header
 * tells such a request apart. So a loopback server answers only loopback names, plus the names
 * `--public-url` and `--allowed-host` add; a server on another address answers any name unless
 * those flags are given.
 */
export function allowedHostsFor(listenHost: string, opts: { publicUrl?: string; allowedHosts?: string[] }): Set<string> | undefined {
  const extra = (opts.allowedHosts ?? []).map((h) => {
    const name = hostnameOf(h);
    if (!name || /[/@?#\s]/.test(h)) throw new UserError(`--allowed-host ${JSON.stringify(h)} is not a host name`, 'give a name or address, e.g. --allowed-host pai.internal');
    return name;
  });
  if (opts.publicUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(opts.publicUrl);
    } catch {
      throw new UserError(`--public-url ${JSON.stringify(opts.publicUrl)} is not a URL`, 'give the URL clients use, e.g. --public-url https://pai.example.com');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError('--public-url must be an http:// or https:// URL', 'e.g. --public-url https://pai.example.com');
    extra.push(hostnameOf(url.host)!);
  }
  if (extra.length === 0 && !isLoopback(hostnameOf(listenHost) ?? listenHost)) return undefined;
  return new Set(extra);
}

/** Refuses (421) requests whose Host names none of `allowed` and no loopback address. */
export function registerHostCheck(app: FastifyInstance, allowed: Set<string> | undefined): void {
  if (!allowed) return;
  app.addHook('onRequest', async (req) => {
    const header = req.headers.host;
    // HTTP/1.0 clients may send none; browsers (the only DNS-rebinding vector) always do.
    if (header === undefined) return;
    const name = hostnameOf(header);
    if (name !== undefined && (isLoopback(name) || allowed.has(name))) return;
    throw new ApiError(
      'MisdirectedRequest',
      'this server does not answer to the host name in the request (its Host header)',
      'a server on a loopback address answers only to loopback names; start it with --public-url URL or --allowed-host NAME for the name clients use',
    );
  });
}

/** The host name of a Host header or `--allowed-host` value, lower case, without port or brackets. */
function hostnameOf(hostAndPort: string): string | undefined {
  const text = hostAndPort.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1];
  if (isIP(text) === 6) return text;
  const m = /^([a-z0-9.-]+?)\.?(?::\d+)?$/.exec(text);
  return m?.[1] || undefined;
}

/** localhost, 127.0.0.0/8 or ::1. */
function isLoopback(name: string): boolean {
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}
