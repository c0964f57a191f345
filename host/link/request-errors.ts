import { errorName, errorText } from '../../firmware-protocol/generated/codes.js';
import { format as formatBanner, type BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';

/** The device answered `error:N` to this request (or, for a line error without id, to the only request pending). */
export class DeviceError extends Error {
  readonly code: number;
  readonly request: string;
  constructor(code: number, request: string) {
    super(`${request}: error ${code} ${errorName(code)} (${errorText(code)})`);
    this.name = 'DeviceError';
    this.code = code;
    this.request = request;
  }
}

/** No reply within the timeout, on every attempt. */
export class RequestTimeoutError extends Error {
  readonly request: string;
  readonly timeoutMs: number;
  readonly attempts: number;
  constructor(request: string, timeoutMs: number, attempts = 1) {
    const tries = attempts === 1 ? '' : ` (${attempts} attempts)`;
    super(`${request}: no reply within ${timeoutMs} ms${tries}`);
    this.name = 'RequestTimeoutError';
    this.request = request;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}

/** The client was closed while the request was pending, or before it was sent. */
export class LinkClosedError extends Error {
  readonly request: string;
  /** Why the link closed, when it was not closed on purpose (e.g. the port disconnected). */
  readonly reason: string | undefined;
  constructor(request: string, reason?: string) {
    super(`${request}: link closed${reason ? ` (${reason})` : ''}`);
    this.reason = reason;
    this.name = 'LinkClosedError';
    this.request = request;
  }
}

/**
 * The rig rebooted (a banner arrived) while the request was pending: its reply will never come, and any long
 * operation or sample stream in progress is lost.
 */
export class FirmwareResetError extends Error {
  readonly request: string;
  readonly banner: BannerMessage;
  constructor(request: string, banner: BannerMessage) {
    super(`rig rebooted (banner "${formatBanner(banner)}") while ${request} was pending`);
    this.name = 'FirmwareResetError';
    this.request = request;
    this.banner = banner;
  }
}

