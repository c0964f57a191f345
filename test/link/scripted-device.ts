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
 * `damaged` one with a character of its body changed after the CRC was computed, as noise on the wire does, and a
 * `newlineFlipped` one whose newline became `J` (0x0A with bit 6 flipped): the line runs on into the next one.
 */
export interface ScheduledReplies {
  replies: Array<{ body: string; afterMs: number; damaged?: boolean; newlineFlipped?: boolean }>;
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
  /**
   * Lines to answer as the firmware answers a line whose CRC was damaged on the wire (PROTOCOL.md 1.3): an id-less
   * `error:7` naming the id the line started with as `rid`, or, while `damageIncomingIds` lasts, without `rid`
   * (the damage hit the id).
   */
  damageIncoming = 0;
  damageIncomingIds = 0;
  /** Lines whose newline flips on the way in (to `J`): the device holds them open and reads the next line as their rest. */
  newlineFlipIncoming = 0;
  private heldOpen: string | null = null;
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
    for (const line of text.split('\n').slice(0, -1)) {
      if (this.heldOpen !== null) {
        const runOn = `${this.heldOpen}${line}`;
        this.heldOpen = null;
        this.received.push(runOn);
        this.answerDamaged(runOn, true);
      } else if (this.newlineFlipIncoming > 0) {
        this.newlineFlipIncoming--;
        this.heldOpen = `${line}J`;
      } else this.receiveLine(line);
    }
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
      const idReadable = this.damageIncomingIds === 0;
      if (!idReadable) this.damageIncomingIds--;
      this.answerDamaged(line, idReadable);
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
      for (const { body, afterMs, damaged, newlineFlipped } of answer.replies) {
        const line = encodeDeviceLine(parseDeviceBody(body), id);
        const sent = damaged ? damage(line) : line;
        this.clock.schedule(afterMs, () => (newlineFlipped ? this.sendRaw(`${sent}J`) : this.sendRawLine(sent)));
      }
    } else if (answer !== 'silent') this.later(encodeDeviceLine(parseDeviceBody(answer), id));
  }

  /** As the firmware answers a line that fails its CRC: `error:7`, with `rid` when the line starts with a readable id. */
  private answerDamaged(line: string, idReadable: boolean): void {
    const readableId = idReadable ? /^#([1-9][0-9]{0,4}) /.exec(line)?.[1] : undefined;
    this.later(sealLine(readableId === undefined ? 'error:7' : `error:7 rid=${readableId}`));
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
