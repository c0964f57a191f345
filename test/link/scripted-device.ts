import { EventEmitter } from 'node:events';
import { encodeDeviceLine } from '../../firmware-protocol/codec/device-line.js';
import { parseDeviceBody } from '../../firmware-protocol/codec/device-message.js';
import { sealLine } from '../../firmware-protocol/codec/envelope.js';
import { decodeRequestLine } from '../../firmware-protocol/codec/request.js';
import type { ByteLink } from '../../host/link/line-client.js';
import type { ManualClock } from './manual-clock.js';

export interface ScriptedRequest {
  id?: number;
  command: string;
  args: string[];
}

/**
 * Reply lines on a schedule of their own: each copy after its delay (instead of `latencyMs`), and a
 * `damaged` one with a character of its body changed after the CRC was computed, as noise on the wire does.
 */
export interface ScheduledReplies {
  replies: Array<{ body: string; afterMs: number; damaged?: boolean }>;
}

/** What the fake does with one request: the reply body (`ok …`, `error:N`), 'silent' to lose the reply, or replies on a schedule. */
export type Answer = string | 'silent' | ScheduledReplies;

/**
 * A tiny in-memory clampbench: answers request lines through a programmable handler, after `latencyMs` on
 * the manual clock. Like the firmware (PROTOCOL.md 1.2) it remembers the last executed id and its code and
 * answers a repeat with `dup=1` without executing; `executions` counts real executions per id.
 */
export class ScriptedDevice extends EventEmitter implements ByteLink {
  readonly received: string[] = [];
  readonly executions = new Map<number, number>();
  /** Every request the fake executed, in order (repeats answered from memory are not in it). */
  readonly executed: ScriptedRequest[] = [];
  /** Lines to lose on the way in (not executed, not answered), consumed one per request line. */
  dropIncoming = 0;
  /** Lines to answer with an id-less `error:7`, as if their CRC had been damaged on the wire. */
  damageIncoming = 0;
  private lastId = 0;
  private lastCode = 'ok';

  constructor(
    private readonly clock: ManualClock,
    private readonly handler: (request: ScriptedRequest) => Answer,
    private readonly latencyMs = 5,
  ) {
    super();
  }

  write(data: Buffer | string): void {
    const text = typeof data === 'string' ? data : data.toString('latin1');
    for (const line of text.split('\n').slice(0, -1)) this.receiveLine(line);
  }

  /** Send a push message body (sealed with a CRC, no id), as the firmware does. */
  push(body: string): void {
    this.sendRawLine(sealLine(body));
  }

  /** Send bytes as they are: a foreign sketch, garbage from a wrong baud rate. */
  sendRaw(bytes: Buffer | string): void {
    this.emit('data', typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  private sendRawLine(line: string): void {
    this.sendRaw(`${line}\n`);
  }

  private receiveLine(line: string): void {
    this.received.push(line);
    if (this.dropIncoming > 0) {
      this.dropIncoming--;
      return;
    }
    if (this.damageIncoming > 0) {
      this.damageIncoming--;
      this.later(sealLine('error:7'));
      return;
    }
    const request = decodeRequestLine(line);
    if (!request.ok) {
      this.later(sealLine(`error:${request.error}`));
      return;
    }
    const { id } = request;
    if (id !== undefined && id === this.lastId) {
      this.later(sealLine(`${this.lastCode} dup=1`, id));
      return;
    }
    if (id !== undefined) this.executions.set(id, (this.executions.get(id) ?? 0) + 1);
    this.executed.push(request);
    const answer = this.handler(request);
    const firstBody = typeof answer === 'string' ? answer : answer.replies[0]?.body;
    const code = answer === 'silent' ? 'ok' : firstBody?.split(' ')[0] ?? 'ok';
    if (id !== undefined) {
      this.lastId = id;
      this.lastCode = code;
    }
    if (typeof answer !== 'string') {
      for (const { body, afterMs, damaged } of answer.replies) {
        const line = encodeDeviceLine(parseDeviceBody(body), id);
        this.clock.schedule(afterMs, () => this.sendRawLine(damaged ? damage(line) : line));
      }
    } else if (answer !== 'silent') this.later(encodeDeviceLine(parseDeviceBody(answer), id));
  }

  private later(line: string): void {
    this.clock.schedule(this.latencyMs, () => this.sendRawLine(line));
  }
}

/** The line with the last digit before its CRC changed: `#3 ok tempC=23.25*ABCD` -> `#3 ok tempC=23.26*ABCD`, a CRC that no longer matches. */
export function damage(line: string): string {
  const star = line.lastIndexOf('*');
  const at = star - 1;
  const changed = line[at] === '9' ? '0' : String.fromCharCode((line.charCodeAt(at) || 0x30) + 1);
  return `${line.slice(0, at)}${changed}${line.slice(at + 1)}`;
}
