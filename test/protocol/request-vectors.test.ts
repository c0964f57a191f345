import { describe, expect, it } from 'vitest';
import { decodeDeviceLine, decodeRequestLine, encodeRequest, sealLine } from '../../firmware-protocol/codec/index.js';
import { checkArguments } from '../../firmware-protocol/commands/check-arguments.js';
import { loadRigDefinition, rigValuesOf } from '../../rigs/uno-pull/rig-definition.js';
import { requestVectors, type Exchange } from './load-vectors.js';

const rig = rigValuesOf(loadRigDefinition());

/** The host-side model of the firmware for requests whose reply does not depend on the rig's state. */
function modelReply(send: string): string {
  const request = decodeRequestLine(send);
  if (!request.ok) return sealLine(`error:${request.error}${request.receivedId === undefined ? '' : ` rid=${request.receivedId}`}`);
  if (request.command === '') return sealLine('ok', request.id);
  const verdict = checkArguments(request.command, request.args, rig);
  if (!verdict.ok) return sealLine(`error:${verdict.error}`, request.id);
  if (request.command === 'PING') return sealLine('ok', request.id);
  throw new Error(`${JSON.stringify(send)} is accepted; its reply depends on the rig's state`);
}

describe('requests.json golden vectors', () => {
  it.each(requestVectors.encode)('encodes #$id $command to the exact line', (v) => {
    expect(encodeRequest(v.id, v.command, v.args)).toBe(v.line);
  });

  it.each(requestVectors.encode)('decodes the encoded #$id $command back to id, command and arguments', (v) => {
    const decoded = decodeRequestLine(v.line);
    expect(decoded).toMatchObject({ ok: true, id: v.id, command: v.command.toUpperCase() });
    expect(decoded.ok && decoded.args.length).toBe(v.args.length);
  });

  it.each(requestVectors.exchanges)('model answers $name as the vector says', (v: Exchange) => {
    expect(modelReply(v.send)).toBe(v.reply);
  });

  it.each(requestVectors.exchanges)('reply to $name is a valid device line', (v: Exchange) => {
    const decoded = decodeDeviceLine(v.reply, { requireCrc: true });
    expect(decoded.ok && decoded.message.kind).toMatch(/^(ok|error)$/);
  });

  it('keeps every exchange id distinct, so that replay order cannot produce dup=1', () => {
    const ids = requestVectors.exchanges.map((v) => decodeRequestLine(v.send)).flatMap((d) => (d.ok && d.id !== undefined ? [d.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends exchange lines made of bytes 0x00-0x7F only', () => {
    expect(requestVectors.exchanges.length).toBeGreaterThanOrEqual(71);
    for (const v of requestVectors.exchanges) expect(v.send).toMatch(/^[\x00-\x7f]*$/);
  });
});
