import { describe, expect, it } from 'vitest';
import { decodeRequestLine, encodeDeviceLine, encodeRequest, formatArgumentNumber } from '../../firmware-protocol/codec/index.js';
import { checkArguments } from '../../firmware-protocol/commands/check-arguments.js';
import { findCommand } from '../../firmware-protocol/generated/commands.js';
import { loadRigDefinition, rigValuesOf } from '../../rigs/uno-pull/rig-definition.js';

const rig = rigValuesOf(loadRigDefinition());

describe('encodeRequest', () => {
  it('formats numbers with at most 3 decimals and no exponent', () => {
    expect(formatArgumentNumber(5.7)).toBe('5.7');
    expect(formatArgumentNumber(0.30000000000000004)).toBe('0.3');
    expect(formatArgumentNumber(1e-7)).toBe('0');
    expect(formatArgumentNumber(-0.0001)).toBe('0');
    expect(formatArgumentNumber(600000)).toBe('600000');
  });

  it('refuses ids outside 1..65535', () => {
    expect(() => encodeRequest(0, 'PING')).toThrow(RangeError);
    expect(() => encodeRequest(65536, 'PING')).toThrow(RangeError);
    expect(() => encodeRequest(1.5, 'PING')).toThrow(RangeError);
  });

  it('refuses arguments the line would not carry intact: realtime bytes, *, spaces, control characters', () => {
    for (const bad of ['a?b', 'a!b', 'a*b', 'a b', 'a\tb', '', 'é']) expect(() => encodeRequest(1, 'SET', ['rigId', bad]), bad).toThrow(RangeError);
  });

  it('refuses a request longer than lineMaxChars', () => {
    expect(() => encodeRequest(1, 'SET', ['rigId', 'A'.repeat(60)])).toThrow(/at most 64/);
  });

  it('refuses an id on a push message', () => {
    expect(() => encodeDeviceLine({ kind: 'alarm', code: 1, fields: {} }, 5)).toThrow(RangeError);
  });
});

describe('decodeRequestLine (host-side model of the firmware line parser)', () => {
  it('upper-cases the command and splits on runs of spaces', () => {
    expect(decodeRequestLine('vdrop  1 5.7')).toEqual({ ok: true, command: 'VDROP', args: ['1', '5.7'] });
  });

  it('treats TAB like a space between words', () => {
    expect(decodeRequestLine('POLE\t3')).toEqual({ ok: true, command: 'POLE', args: ['3'] });
  });

  it('ignores a CR before the newline', () => {
    expect(decodeRequestLine(`${encodeRequest(3, 'PING')}\r`)).toEqual({ ok: true, id: 3, command: 'PING', args: [] });
  });

  it('refuses a line with an id but no CRC as BAD_CHECKSUM (the * was lost on the wire)', () => {
    expect(decodeRequestLine('#3 PING')).toMatchObject({ ok: false, error: 7 });
    expect(decodeRequestLine('#3 POLE 2+F0D0')).toMatchObject({ ok: false, error: 7 });
  });

  it('counts 64 characters as fitting and 65 as too long', () => {
    expect(decodeRequestLine('X'.repeat(64))).toMatchObject({ ok: true });
    expect(decodeRequestLine('X'.repeat(65))).toMatchObject({ ok: false, error: 6 });
  });
});

describe('checkArguments (command table)', () => {
  it('accepts valid requests of every argument shape', () => {
    for (const [command, args] of [
      ['POLE', ['0']], ['VDROP', ['8', '50']], ['VDROP', ['1', '0.1', '1024']], ['ISO', ['4']], ['PULL', ['250', '200', '600000', '250', '5']],
      ['HEAT', ['0']], ['SPAN', ['500']], ['SET', ['rigId', 'CB-1']], ['SET', ['tareCounts', '-8388608']], ['SET', ['countsPerN', '0.001']],
    ] as const) expect(checkArguments(command, args, rig), `${command} ${args.join(' ')}`).toEqual({ ok: true });
  });

  it('takes 1.0 for an integer argument but refuses 1.5', () => {
    expect(checkArguments('POLE', ['1.0'], rig)).toEqual({ ok: true });
    expect(checkArguments('POLE', ['1.5'], rig)).toMatchObject({ ok: false, error: 2 });
  });

  it('checks rig-dependent ranges against the rig file', () => {
    expect(checkArguments('POLE', ['9'], rig)).toMatchObject({ ok: false, error: 3 });
    expect(checkArguments('PULL', ['250.001', '10', '0'], rig)).toMatchObject({ ok: false, error: 3 });
    expect(checkArguments('SET', ['tempLimitC', '121'], rig)).toMatchObject({ ok: false, error: 3 });
  });

  it('knows which commands change state (retried with the same id)', () => {
    expect(findCommand('vdrop')?.changesState).toBe(false);
    expect(findCommand('PULL')?.changesState).toBe(true);
  });
});
