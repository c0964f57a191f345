import { describe, expect, it } from 'vitest';
import {
  infoReplyFromFields, insulReplyFromFields, isDuplicateReply, lastOperationFromFields, limitsReplyFromFields, isoReplyFromFields, parseDeviceBody, statusReplyFromFields, vdropReplyFromFields,
} from '../../firmware-protocol/codec/index.js';
import * as banner from '../../firmware-protocol/codec/messages/banner.js';
import * as done from '../../firmware-protocol/codec/messages/done.js';
import * as sample from '../../firmware-protocol/codec/messages/sample.js';
import * as status from '../../firmware-protocol/codec/messages/status.js';
import { alarmName, errorText, isLatchingAlarm } from '../../firmware-protocol/generated/codes.js';

describe('message parsers', () => {
  it('each parser refuses the other kinds, so the dispatcher order does not matter', () => {
    expect(banner.parse('ok')).toBeNull();
    expect(sample.parse('STATUS')).toBeNull();
    expect(status.parse('state=IDLE')).toBeNull();
    expect(done.parse('DONE:PULL')).toBeNull();
  });

  it('banner: reads versions as numbers and refuses a malformed proto', () => {
    expect(parseDeviceBody('clampbench fw=1.0.0 proto=2.11 rig=X')).toEqual({
      kind: 'banner', firmwareVersion: '1.0.0', protocolMajor: 2, protocolMinor: 11, rigId: 'X',
    });
    expect(parseDeviceBody('clampbench fw=1.0.0 proto=2 rig=X').kind).toBe('unknown');
  });

  it('ok and error: keep fields as strings and recognise dup=1', () => {
    const ok = parseDeviceBody('ok dup=1');
    expect(ok).toEqual({ kind: 'ok', fields: { dup: '1' } });
    expect(ok.kind === 'ok' && isDuplicateReply(ok.fields)).toBe(true);
    expect(parseDeviceBody('error:22')).toEqual({ kind: 'error', code: 22, fields: {} });
    expect(parseDeviceBody('ok  pole=1').kind).toBe('unknown');
    expect(parseDeviceBody('ok pole=1 pole=2').kind).toBe('unknown');
  });

  it('status: a missing field makes the line unknown rather than half-read', () => {
    expect(parseDeviceBody('<state=IDLE pole=0 forceN=0.00 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1>').kind).toBe('unknown');
    expect(parseDeviceBody('<state=IDLE pole=0 forceN=0.00 posMm=0.0000 currentA=0.000 tempC=23.25 estop=2 guard=0 home=1 alarms=->').kind).toBe('unknown');
  });

  it('alarm, msg, sample, done: typed fields', () => {
    expect(parseDeviceBody('ALARM:3')).toEqual({ kind: 'alarm', code: 3, fields: {} });
    expect(parseDeviceBody('[MSG:aborted]')).toEqual({ kind: 'msg', text: 'aborted' });
    expect(parseDeviceBody('[MSG:a]b]').kind).toBe('unknown');
    expect(parseDeviceBody('S 0 0 1.00 0.0000').kind).toBe('unknown');
    expect(parseDeviceBody('S 5 60 1.5 0.25')).toEqual({ kind: 'sample', sampleNumber: 5, tMs: 60, forceN: 1.5, posMm: 0.25 });
    expect(parseDeviceBody('DONE:HOME result=alarm posMm=1.0000 alarm=x').kind).toBe('unknown');
    expect(parseDeviceBody('DONE:HOME result=Held! posMm=0.0000').kind).toBe('unknown');
  });

  it('done: a result word this host does not know (a newer firmware\'s) is read as unknown with the word, not an unreadable line', () => {
    const line = 'DONE:PULL result=stalled peakN=12.40 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=40 durMs=520';
    const message = parseDeviceBody(line);
    expect(message).toEqual({
      kind: 'done', operation: 'PULL', result: 'unknown', unknownResult: 'stalled',
      peakN: 12.4, holdMinN: 0, holdMaxN: 0, slipMm: 0, lastSampleNumber: 40, durationMs: 520,
    });
    expect(message.kind === 'done' && done.format(message)).toBe(line);
    // A word known for another operation is unknown for this one.
    expect(parseDeviceBody('DONE:HOME result=held posMm=0.0000')).toEqual({ kind: 'done', operation: 'HOME', result: 'unknown', unknownResult: 'held', posMm: 0 });
  });

  it('unknown: keeps the whole body', () => {
    expect(parseDeviceBody('')).toEqual({ kind: 'unknown', raw: '' });
  });
});

describe('typed views of known replies', () => {
  it('VDROP', () => {
    expect(vdropReplyFromFields({ pole: '1', mv: '1.7100', mohm: '0.3000', currentA: '5.700' })).toEqual({
      pole: 1, dropMv: 1.71, resistanceMilliohm: 0.3, currentA: 5.7,
    });
    expect(vdropReplyFromFields({ pole: '1', mv: '1.7100' })).toBeNull();
  });

  it('ISO: map with an open pole and shorted pairs', () => {
    expect(isoReplyFromFields({ map: '1,0,3,4', shorts: '1-3,2-4' })).toEqual({ farEndByPole: [1, 0, 3, 4], shortedPairs: [[1, 3], [2, 4]] });
    expect(isoReplyFromFields({ map: '2,1,3,4', shorts: '-' })).toEqual({ farEndByPole: [2, 1, 3, 4], shortedPairs: [] });
    expect(isoReplyFromFields({ map: '1,2', shorts: '2-1' })).toBeNull();
    expect(insulReplyFromFields({ a: '1', b: '2', ohm: '199923', range: 'in', sdPair: '1.02', sdDrive: '0.98' })).toEqual({ a: 1, b: 2, resistanceOhm: 199923, range: 'in', sdPair: 1.02, sdDrive: 0.98 });
    expect(insulReplyFromFields({ a: '1', b: '2', ohm: '50000000', range: 'above', sdPair: '1.00', sdDrive: '1.00' })).toMatchObject({ resistanceOhm: 50000000, range: 'above' });
    expect(insulReplyFromFields({ a: '1', b: '2', ohm: '2.5', range: 'in', sdPair: '1.00', sdDrive: '1.00' })).toBeNull();
  });

  it('INFO and LIMITS', () => {
    const fields = { fw: '0.2.0', proto: '2.0', rig: 'CB-UNO-0001', board: 'uno', poles: '8', caps: 'vdrop,iso', calDate: '20250101', settings: '1', lastId: '417', future: 'x' };
    expect(infoReplyFromFields(fields)).toEqual({
      firmwareVersion: '0.2.0', protocolMajor: 2, protocolMinor: 0, rigId: 'CB-UNO-0001', board: 'uno', poles: 8, capabilities: ['vdrop', 'iso'],
      calDate: 20250101, settingsVersion: 1, lastId: 417,
    });
    const limits = { forceCapN: '250', capacityN: '500', maxCurrentA: '50', maxSpeedMmps: '5', approachMmps: '0.5', travelMm: '60', maxTempC: '120', sampleHz: '80' };
    expect(limitsReplyFromFields(limits)).toEqual({ forceCapN: 250, capacityN: 500, maxCurrentA: 50, maxSpeedMmps: 5, approachMmps: 0.5, travelMm: 60, maxTempC: 120, sampleHz: 80 });
    expect(limitsReplyFromFields({ ...limits, travelMm: 'x' })).toBeNull();
  });

  it('RESULT: none yet, running, or the last DONE; a DONE part that does not parse is refused', () => {
    expect(lastOperationFromFields({ op: '-', opId: '0', running: '0' })).toEqual({ state: 'none' });
    expect(lastOperationFromFields({ op: 'PULL', opId: '20', running: '1' })).toEqual({ state: 'running', operation: 'PULL', opId: 20 });
    const ended = { op: 'HOME', opId: '9', running: '0', result: 'ok', posMm: '0.0000' };
    expect(lastOperationFromFields(ended)).toEqual({ state: 'ended', opId: 9, done: { kind: 'done', operation: 'HOME', result: 'ok', posMm: 0 } });
    expect(lastOperationFromFields({ ...ended, result: 'maybe' })).toEqual({ state: 'ended', opId: 9, done: { kind: 'done', operation: 'HOME', result: 'unknown', unknownResult: 'maybe', posMm: 0 } });
    expect(lastOperationFromFields({ ...ended, result: 'MAYBE?' })).toBeNull();
    expect(lastOperationFromFields({ op: 'PULL', running: '0' })).toBeNull();
  });

  it('STATUS reply fields read like the status push message', () => {
    const fields = { state: 'IDLE', pole: '0', forceN: '0.00', posMm: '0.0000', currentA: '0.000', tempC: '23.25', estop: '0', guard: '0', home: '1', homed: '0', alarms: '-' };
    expect(statusReplyFromFields(fields)).toMatchObject({ state: 'IDLE', atHome: true, homed: false, alarms: [] });
    expect(statusReplyFromFields({ ...fields, homed: '2' })).toBeNull();
  });
});

describe('generated code lookups', () => {
  it('give names and texts, and readable fallbacks for codes from a newer firmware', () => {
    expect(errorText(9)).toBe('Another operation is running');
    expect(errorText(99)).toBe('unknown error 99');
    expect(alarmName(4)).toBe('FORCE_CAP');
    expect(alarmName(77)).toBe('unknown alarm 77');
    expect(isLatchingAlarm(7)).toBe(false);
    expect(isLatchingAlarm(1)).toBe(true);
  });
});
