import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { UsageError } from '../shared/usage-error.js';

/** Where the panel listens: `127.0.0.1:8420`, `localhost:8420`, `[::1]:8420`, `0.0.0.0:8420`, port 0 for any free one. */
export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_LISTEN = '127.0.0.1:8420';

/** Parse `--listen`; the message names the option, the value and what is allowed. */
export function parseListen(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const host = match ? (match[1] ?? match[2] ?? '') : '';
  const port = match ? Number(match[3]) : NaN;
  const hostOk = host === 'localhost' || isIP(host) !== 0;
  if (!match || !hostOk || !(port >= 0 && port <= 65_535)) {
    throw new UsageError(`--listen: value "${text}" is not allowed; expected <address>:<port> with an IP address or localhost and a port from 0 to 65535, e.g. 127.0.0.1:8420 or 0.0.0.0:8420`);
  }
  return { host, port };
}

/** Loopback only: 127.0.0.0/8, ::1, localhost. Anything else is reachable from another machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

/**
 * Who may use the panel. Bound to loopback, anyone on this machine, but only through a loopback
 * Host name (a web page elsewhere cannot reach it by DNS rebinding). Bound off loopback, every
 * request must carry the token made at start: in the URL (`?token=`, shown once on the console) or
 * in the cookie the panel sets when the URL with it is opened, so the page's own requests (its
 * scripts, the event stream, the buttons, the report links) carry it without showing it.
 */
export class PanelAccess {
  readonly token: string | null;

  constructor(readonly listen: ListenAddress) {
    this.token = isLoopback(listen.host) ? null : randomBytes(18).toString('base64url');
  }

  /** null when the request may go on, else why it is refused (HTTP 403). */
  refusal(url: URL, headers: { host?: string | undefined; cookie?: string | undefined }): string | null {
    if (this.token === null) {
      const host = (headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      return isLoopback(host) ? null : `Host "${headers.host ?? ''}" refused: this panel is bound to ${this.listen.host} and answers only to localhost`;
    }
    const given = url.searchParams.get('token') ?? cookieValue(headers.cookie, TOKEN_COOKIE);
    if (given === null) return 'token missing: this panel is reachable from the network; open the URL with ?token=… that clampbench printed at start';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b) ? null : 'token wrong: open the URL with the token that clampbench printed at start';
  }

  /** The Set-Cookie header that lets the page's own requests carry the token; null on loopback. */
  cookie(): string | null {
    return this.token === null ? null : `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

const TOKEN_COOKIE = 'clampbench-panel';

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
