// Writes device-lines.json and requests.json: `node --import tsx firmware-protocol/vectors/build-vectors.ts`.
// Every expected meaning and reply below is written by hand from PROTOCOL.md; this script only appends CRCs
// (crc16 is checked against the standard check value) so that the vectors do not merely echo the codec.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crcHex } from '../codec/crc16.js';
import { LIMITS } from '../generated/codes.js';

const seal = (covered: string): string => `${covered}*${crcHex(covered)}`;
const withId = (id: number, body: string): string => seal(`#${id} ${body}`);

/** Line with its CRC in lower case; refuses a CRC that has no hex letter, because lower-casing would not change it. */
function lowerCaseCrc(covered: string): string {
  const crc = crcHex(covered);
  if (!/[A-F]/.test(crc)) throw new Error(`CRC ${crc} of ${covered} has no hex letter; pick another line`);
  return `${covered}*${crc.toLowerCase()}`;
}

const status = (state: string, extra: Record<string, unknown> = {}) => ({
  kind: 'status', state, pole: 0, forceN: 0, posMm: 0, currentA: 0, tempC: 23.25,
  estopPressed: false, guardOpen: false, atHome: true, homed: true, alarms: [], ...extra,
});

/** Canonical device lines: decoding gives `message` (and `id`), encoding `message` with `id` gives `line` back. */
const valid = [
  { name: 'boot banner', line: seal('clampbench fw=0.2.0 proto=2.1 rig=CB-UNO-0001'),
    message: { kind: 'banner', firmwareVersion: '0.2.0', protocolMajor: 2, protocolMinor: 1, rigId: 'CB-UNO-0001' } },
  { name: 'boot banner of a 2.0 rig', line: seal('clampbench fw=0.2.0 proto=2.0 rig=CB-UNO-0001'),
    message: { kind: 'banner', firmwareVersion: '0.2.0', protocolMajor: 2, protocolMinor: 0, rigId: 'CB-UNO-0001' } },
  { name: 'bare ok', line: seal('ok'), message: { kind: 'ok', fields: {} } },
  { name: 'ok echoing the request id', line: withId(5, 'ok'), id: 5, message: { kind: 'ok', fields: {} } },
  { name: 'VDROP reply', line: withId(7, 'ok pole=1 mv=1.7100 mohm=0.3000 currentA=5.700'), id: 7,
    message: { kind: 'ok', fields: { pole: '1', mv: '1.7100', mohm: '0.3000', currentA: '5.700' } } },
  { name: 'ISO reply, poles 1 and 2 swapped', line: withId(4, 'ok map=2,1,3,4 shorts=-'), id: 4,
    message: { kind: 'ok', fields: { map: '2,1,3,4', shorts: '-' } } },
  { name: 'STATUS reply', line: withId(6, 'ok state=IDLE pole=0 forceN=0.00 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1 homed=1 alarms=-'), id: 6,
    message: { kind: 'ok', fields: { state: 'IDLE', pole: '0', forceN: '0.00', posMm: '0.0000', currentA: '0.000', tempC: '23.25', estop: '0', guard: '0', home: '1', homed: '1', alarms: '-' } } },
  { name: 'INFO reply', id: 3,
    line: withId(3, 'ok fw=0.2.0 proto=2.1 rig=CB-UNO-0001 board=uno poles=8 caps=vdrop,iso,pull,home,heat,temp calDate=20261101 settings=1 lastId=0'),
    message: { kind: 'ok', fields: { fw: '0.2.0', proto: '2.1', rig: 'CB-UNO-0001', board: 'uno', poles: '8', caps: 'vdrop,iso,pull,home,heat,temp', calDate: '20261101', settings: '1', lastId: '0' } } },
  { name: 'INFO reply after an earlier session on the same boot', id: 2,
    line: withId(2, 'ok fw=0.2.0 proto=2.1 rig=CB-UNO-0001 board=uno poles=8 caps=vdrop,iso,pull,home,heat,temp calDate=0 settings=1 lastId=417'),
    message: { kind: 'ok', fields: { fw: '0.2.0', proto: '2.1', rig: 'CB-UNO-0001', board: 'uno', poles: '8', caps: 'vdrop,iso,pull,home,heat,temp', calDate: '0', settings: '1', lastId: '417' } } },
  { name: 'LIMITS reply', id: 4,
    line: withId(4, 'ok forceCapN=250 capacityN=500 maxCurrentA=50 maxSpeedMmps=5 approachMmps=0.5 travelMm=60 maxTempC=120 sampleHz=80 maxSlackMm=5'),
    message: { kind: 'ok', fields: { forceCapN: '250', capacityN: '500', maxCurrentA: '50', maxSpeedMmps: '5', approachMmps: '0.5', travelMm: '60', maxTempC: '120', sampleHz: '80', maxSlackMm: '5' } } },
  { name: 'LIMITS reply of a 2.0 rig (no maxSlackMm)', id: 4,
    line: withId(4, 'ok forceCapN=250 capacityN=500 maxCurrentA=50 maxSpeedMmps=5 approachMmps=0.5 travelMm=60 maxTempC=120 sampleHz=80'),
    message: { kind: 'ok', fields: { forceCapN: '250', capacityN: '500', maxCurrentA: '50', maxSpeedMmps: '5', approachMmps: '0.5', travelMm: '60', maxTempC: '120', sampleHz: '80' } } },
  { name: 'RESULT reply while a pull runs', id: 21, line: withId(21, 'ok op=PULL opId=20 running=1'),
    message: { kind: 'ok', fields: { op: 'PULL', opId: '20', running: '1' } } },
  { name: 'RESULT reply with the last DONE', id: 22,
    line: withId(22, 'ok op=PULL opId=20 running=0 result=held peakN=50.02 holdMinN=49.81 holdMaxN=50.02 slipMm=0.0125 samples=412 durMs=5150'),
    message: { kind: 'ok', fields: { op: 'PULL', opId: '20', running: '0', result: 'held', peakN: '50.02', holdMinN: '49.81', holdMaxN: '50.02', slipMm: '0.0125', samples: '412', durMs: '5150' } } },
  { name: 'RESULT reply with a pull that found no load', id: 23,
    line: withId(23, 'ok op=PULL opId=22 running=0 result=noload peakN=0.14 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=897 durMs=11210'),
    message: { kind: 'ok', fields: { op: 'PULL', opId: '22', running: '0', result: 'noload', peakN: '0.14', holdMinN: '0.00', holdMaxN: '0.00', slipMm: '0.0000', samples: '897', durMs: '11210' } } },
  { name: 'RESULT reply before any long operation', id: 1, line: withId(1, 'ok op=- opId=0 running=0'),
    message: { kind: 'ok', fields: { op: '-', opId: '0', running: '0' } } },
  { name: 'retried state-changing request answered from memory', line: withId(12, 'ok dup=1'), id: 12, message: { kind: 'ok', fields: { dup: '1' } } },
  { name: 'error without id (bad checksum)', line: seal('error:7'), message: { kind: 'error', code: 7, fields: {} } },
  { name: 'error without id, with the received id as a hint', line: seal('error:7 rid=11'), message: { kind: 'error', code: 7, fields: { rid: '11' } } },
  { name: 'error echoing the request id', line: withId(9, 'error:1'), id: 9, message: { kind: 'error', code: 1, fields: {} } },
  { name: 'error answered from memory', line: withId(13, 'error:9 dup=1'), id: 13, message: { kind: 'error', code: 9, fields: { dup: '1' } } },
  { name: 'error code unknown to this host', line: seal('error:99'), message: { kind: 'error', code: 99, fields: {} } },
  { name: 'status during a pull', line: seal('<state=PULL pole=1 forceN=45.12 posMm=1.2350 currentA=0.000 tempC=23.25 estop=0 guard=0 home=0 homed=1 alarms=->'),
    message: status('PULL', { pole: 1, forceN: 45.12, posMm: 1.235, atHome: false }) },
  { name: 'status with latched alarms and a negative position', line: seal('<state=ALARM pole=3 forceN=250.31 posMm=-0.0125 currentA=0.000 tempC=24.00 estop=1 guard=1 home=0 homed=0 alarms=1,4>'),
    message: status('ALARM', { pole: 3, forceN: 250.31, posMm: -0.0125, tempC: 24, estopPressed: true, guardOpen: true, atHome: false, homed: false, alarms: [1, 4] }) },
  { name: 'status with the test current on', line: seal('<state=HEAT pole=2 forceN=0.05 posMm=0.0000 currentA=25.000 tempC=61.50 estop=0 guard=0 home=1 homed=1 alarms=->'),
    message: status('HEAT', { pole: 2, forceN: 0.05, currentA: 25, tempC: 61.5 }) },
  { name: 'alarm without details', line: seal('ALARM:1'), message: { kind: 'alarm', code: 1, fields: {} } },
  { name: 'latched alarm restored at boot', line: seal('ALARM:1 restored=1'), message: { kind: 'alarm', code: 1, fields: { restored: '1' } } },
  { name: 'alarm with details', line: seal('ALARM:4 forceN=250.31'), message: { kind: 'alarm', code: 4, fields: { forceN: '250.31' } } },
  { name: 'message for a human', line: seal('[MSG:settings reset to defaults]'), message: { kind: 'msg', text: 'settings reset to defaults' } },
  { name: 'help message', line: seal('[MSG:PING INFO LIMITS STATUS RESULT POLE VDROP ISO PULL HOME HEAT TEMP TARE SPAN SET SETTINGS RESET HELP]'),
    message: { kind: 'msg', text: 'PING INFO LIMITS STATUS RESULT POLE VDROP ISO PULL HOME HEAT TEMP TARE SPAN SET SETTINGS RESET HELP' } },
  { name: 'first pull sample', line: seal('S 1 0 0.12 0.0000'), message: { kind: 'sample', sampleNumber: 1, tMs: 0, forceN: 0.12, posMm: 0 } },
  { name: 'pull sample', line: seal('S 118 1475 45.12 1.2350'), message: { kind: 'sample', sampleNumber: 118, tMs: 1475, forceN: 45.12, posMm: 1.235 } },
  { name: 'pull sample with negative force and position', line: seal('S 2 13 -0.03 -0.0004'), message: { kind: 'sample', sampleNumber: 2, tMs: 13, forceN: -0.03, posMm: -0.0004 } },
  { name: 'pull held', line: seal('DONE:PULL result=held peakN=50.02 holdMinN=49.81 holdMaxN=50.02 slipMm=0.0125 samples=412 durMs=5150'),
    message: { kind: 'done', operation: 'PULL', result: 'held', peakN: 50.02, holdMinN: 49.81, holdMaxN: 50.02, slipMm: 0.0125, lastSampleNumber: 412, durationMs: 5150 } },
  { name: 'pull ended by an alarm', line: seal('DONE:PULL result=alarm peakN=250.31 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=97 durMs=1210 alarm=4'),
    message: { kind: 'done', operation: 'PULL', result: 'alarm', peakN: 250.31, holdMinN: 0, holdMaxN: 0, slipMm: 0, lastSampleNumber: 97, durationMs: 1210, alarm: 4 } },
  { name: 'pull-out', line: seal('DONE:PULL result=pullout peakN=88.40 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=230 durMs=2890'),
    message: { kind: 'done', operation: 'PULL', result: 'pullout', peakN: 88.4, holdMinN: 0, holdMaxN: 0, slipMm: 0, lastSampleNumber: 230, durationMs: 2890 } },
  { name: 'no load within the slack (nothing in the grip)', line: seal('DONE:PULL result=noload peakN=0.14 holdMinN=0.00 holdMaxN=0.00 slipMm=0.0000 samples=897 durMs=11210'),
    message: { kind: 'done', operation: 'PULL', result: 'noload', peakN: 0.14, holdMinN: 0, holdMaxN: 0, slipMm: 0, lastSampleNumber: 897, durationMs: 11210 } },
  { name: 'homing done', line: seal('DONE:HOME result=ok posMm=0.0000'), message: { kind: 'done', operation: 'HOME', result: 'ok', posMm: 0 } },
  { name: 'homing aborted', line: seal('DONE:HOME result=aborted posMm=12.5000'), message: { kind: 'done', operation: 'HOME', result: 'aborted', posMm: 12.5 } },
  { name: 'homing failed by alarm', line: seal('DONE:HOME result=alarm posMm=60.0000 alarm=12'), message: { kind: 'done', operation: 'HOME', result: 'alarm', posMm: 60, alarm: 12 } },
  { name: 'line no parser knows', line: seal('hello from a future firmware'), message: { kind: 'unknown', raw: 'hello from a future firmware' } },
];

/** Valid lines that are not in canonical form (extra keys, CRLF): decode only. */
const decodeOnly = [
  { name: 'CR before the newline is ignored', line: `${seal('ok')}\r`, message: { kind: 'ok', fields: {} } },
  { name: 'status with a key from a newer minor version', line: seal('<state=IDLE pole=0 forceN=0.00 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1 homed=1 alarms=- fan=1>'),
    message: status('IDLE') },
  { name: 'done with a key from a newer minor version', line: seal('DONE:HOME result=ok posMm=0.0000 steps=0'), message: { kind: 'done', operation: 'HOME', result: 'ok', posMm: 0 } },
  { name: 'banner with an extra key', line: seal('clampbench fw=1.2.0-rc1 proto=2.3 rig=CB-UNO-0002 build=abc'),
    message: { kind: 'banner', firmwareVersion: '1.2.0-rc1', protocolMajor: 2, protocolMinor: 3, rigId: 'CB-UNO-0002' } },
  { name: 'DONE of an operation this host does not know', line: seal('DONE:CAL result=ok'), message: { kind: 'unknown', raw: 'DONE:CAL result=ok' } },
  { name: 'not quite ok', line: seal('okay'), message: { kind: 'unknown', raw: 'okay' } },
  { name: 'error code 0 does not exist', line: seal('error:0'), message: { kind: 'unknown', raw: 'error:0' } },
  { name: 'status with a malformed number', line: seal('<state=IDLE pole=0 forceN=1e3 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1 homed=1 alarms=->'),
    message: { kind: 'unknown', raw: '<state=IDLE pole=0 forceN=1e3 posMm=0.0000 currentA=0.000 tempC=23.25 estop=0 guard=0 home=1 homed=1 alarms=->' } },
];

const statusLine = seal('<state=PULL pole=1 forceN=45.12 posMm=1.2350 currentA=0.000 tempC=23.25 estop=0 guard=0 home=0 homed=1 alarms=->');
const flip = (text: string, index: number, mask: number): string =>
  text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ mask) + text.slice(index + 1);
const okCrc = crcHex('ok');
// Sealed, this is exactly one character over the limit: `[MSG:` + text + `]` + `*CRC`.
const tooLongDeviceBody = `[MSG:${'x'.repeat(LIMITS.deviceLineMaxChars + 1 - 5 - 1 - 5)}]`;

/** Lines a program must reject whole (with requireCrc: true), with the reason the codec gives. */
const rejected = [
  { name: 'no CRC', line: 'ok', reason: 'missing-crc' },
  { name: 'wrong CRC', line: `ok*${okCrc === '0000' ? '0001' : '0000'}`, reason: 'bad-crc' },
  { name: 'CRC in lower case', line: lowerCaseCrc('ALARM:4 forceN=250.31'), reason: 'malformed-crc' },
  { name: 'CRC with three digits', line: `ok*${okCrc.slice(0, 3)}`, reason: 'malformed-crc' },
  { name: 'two CRCs', line: `${seal('ok')}*${okCrc}`, reason: 'malformed-crc' },
  { name: 'flipped bit in a number', line: flip(statusLine, statusLine.indexOf('45.12') + 1, 0x01), reason: 'bad-crc' },
  { name: 'flipped bit in the state name', line: flip(statusLine, 8, 0x20), reason: 'bad-crc' },
  { name: 'flipped bit in the CRC', line: flip(statusLine, statusLine.length - 1, 0x02), reason: 'bad-crc' },
  { name: 'dropped character', line: statusLine.slice(0, 20) + statusLine.slice(21), reason: 'bad-crc' },
  { name: 'truncated line', line: statusLine.slice(0, 40), reason: 'missing-crc' },
  { name: 'id on a push message', line: withId(5, 'ALARM:1'), reason: 'id-on-push' },
  { name: 'id 0', line: withId(0, 'ok'), reason: 'bad-id' },
  { name: 'id above 65535', line: withId(65536, 'ok'), reason: 'bad-id' },
  { name: 'id with a leading zero', line: seal('#05 ok'), reason: 'bad-id' },
  { name: 'id without the space', line: seal('#5ok'), reason: 'bad-id' },
  { name: 'control character', line: seal('ok\u0001'), reason: 'control-character' },
  { name: 'non-ASCII byte', line: seal('[MSG:temp 23\u00b0C]'), reason: 'control-character' },
  { name: 'longer than deviceLineMaxChars', line: seal(tooLongDeviceBody), reason: 'too-long' },
];

const exchange = (name: string, send: string, replyBody: string, replyId?: number) => ({
  name, send, reply: replyId === undefined ? seal(replyBody) : withId(replyId, replyBody),
});

/** encodeRequest(id, command, args) -> line. */
const encode = [
  { id: 1, command: 'PING', args: [], line: withId(1, 'PING') },
  { id: 7, command: 'VDROP', args: [1, 5.7], line: withId(7, 'VDROP 1 5.7') },
  { id: 8, command: 'VDROP', args: [8, 50, 1024], line: withId(8, 'VDROP 8 50 1024') },
  { id: 300, command: 'PULL', args: [50, 10, 5000, 2, 0.5], line: withId(300, 'PULL 50 10 5000 2 0.5') },
  { id: 65535, command: 'heat', args: [0.125], line: withId(65535, 'HEAT 0.125') },
  { id: 42, command: 'SET', args: ['rigId', 'CB-UNO-0002'], line: withId(42, 'SET rigId CB-UNO-0002') },
  { id: 43, command: 'SET', args: ['tareCounts', -1250], line: withId(43, 'SET tareCounts -1250') },
  { id: 44, command: 'SPAN', args: [100.0004], line: withId(44, 'SPAN 100') },
];

/**
 * Host line (as sent, without the newline) -> the one reply line the firmware sends. Only replies the spec
 * fixes whatever the rig's state: argument errors come before alarm, interlock and busy checks (PROTOCOL.md 2.2),
 * and every out-of-range value is out of range for any valid rig file. Ids are all different, so no reply
 * depends on the order (the firmware answers a repeated id from memory).
 */
const exchanges = [
  exchange('empty line resynchronises', '', 'ok'),
  exchange('PING typed by a human', 'PING', 'ok'),
  exchange('commands are case-insensitive', 'ping', 'ok'),
  exchange('id without CRC: the CRC was lost on the wire, answered without id, the id as a hint', '#5 PING', 'error:7 rid=5'),
  exchange('id and CRC, as the host sends', withId(6, 'PING'), 'ok', 6),
  exchange('CRC without id', seal('PING'), 'ok'),
  exchange('largest id', withId(65535, 'PING'), 'ok', 65535),
  exchange('unknown command', 'NOSUCH', 'error:1'),
  exchange('unknown command with id', withId(10, 'NOSUCH'), 'error:1', 10),
  exchange('wrong CRC, answered without id, the id read as a hint', '#11 PING*0000', 'error:7 rid=11'),
  exchange('CRC in lower case, answered without id', lowerCaseCrc('#15 PING'), 'error:7 rid=15'),
  exchange('CRC too short', 'PING*12', 'error:7'),
  exchange('corrupted id is caught by the CRC; the hint is the id as received', `#18 PING*${crcHex('#13 PING')}`, 'error:7 rid=18'),
  exchange('id 0, without CRC: the CRC is checked first', '#0 PING', 'error:7'),
  exchange('id above 65535', seal('#65536 PING'), 'error:8'),
  exchange('id not a number', seal('#x PING'), 'error:8'),
  exchange('id without the space', seal('#14PING'), 'error:8'),
  exchange('bad id under a correct CRC', seal('#0 PING'), 'error:8'),
  exchange('line of exactly lineMaxChars', 'X'.repeat(64), 'error:1'),
  exchange('line one character too long', 'X'.repeat(65), 'error:6'),
  exchange('too-long line is answered without its id, the id as a hint', withId(20, `SET rigId ${'A'.repeat(60)}`), 'error:6 rid=20'),
  exchange('control character in a line', 'PI\u0001NG', 'error:23'),
  exchange('control character in a line with an id', `#22 PI\u0001NG*${crcHex('#22 PI\u0001NG')}`, 'error:23 rid=22'),
  exchange('a malformed id prefix gives no hint', '#022 PI\u0001NG', 'error:23'),
  exchange('DEL in a line', 'PING\u007f', 'error:23'),
  exchange('pole out of range', 'POLE 99', 'error:3'),
  exchange('pole out of range, with id', withId(21, 'POLE 99'), 'error:3', 21),
  exchange('arguments separated by two spaces', 'POLE  99', 'error:3'),
  exchange('negative pole', 'POLE -1', 'error:3'),
  exchange('pole not a number', 'POLE x', 'error:2'),
  exchange('POLE without argument', 'POLE', 'error:4'),
  exchange('POLE with two arguments', 'POLE 1 2', 'error:5'),
  exchange('VDROP without arguments', 'VDROP', 'error:4'),
  exchange('VDROP without current', 'VDROP 1', 'error:4'),
  exchange('VDROP with four arguments', 'VDROP 1 5.7 256 9', 'error:5'),
  exchange('exponent is not a number', 'VDROP 1 1e1', 'error:2'),
  exchange('VDROP samples above vdropSamplesMax', 'VDROP 1 5.7 2000', 'error:3'),
  exchange('VDROP current below 0.1 A', 'VDROP 1 0.05', 'error:3'),
  exchange('ISO with no poles', 'ISO 0', 'error:3'),
  exchange('HEAT far above any rig maximum', 'HEAT 999', 'error:3'),
  exchange('HEAT between 0 and 0.1 A', 'HEAT 0.05', 'error:3'),
  exchange('four decimals are not a valid argument', 'HEAT 1.2345', 'error:2'),
  exchange('PING takes no argument', 'PING 1', 'error:5'),
  exchange('INFO takes no argument', 'INFO x', 'error:5'),
  exchange('HOME takes no argument', 'HOME 1', 'error:5'),
  exchange('PULL with two arguments', 'PULL 100 10', 'error:4'),
  exchange('PULL target above any force cap', 'PULL 20000 10 1000', 'error:3'),
  exchange('PULL rate above pullRateNpsMax', 'PULL 50 500 1000', 'error:3'),
  exchange('PULL hold above pullHoldMsMax', 'PULL 50 10 600001', 'error:3'),
  exchange('PULL preload above its target', 'PULL 50 10 1000 60', 'error:3'),
  exchange('SPAN without known force', 'SPAN', 'error:4'),
  exchange('SPAN below 1 N', 'SPAN 0.5', 'error:3'),
  exchange('SET without arguments', 'SET', 'error:4'),
  exchange('SET without value', 'SET watchdogMs', 'error:4'),
  exchange('unknown setting', 'SET nosuch 1', 'error:17'),
  exchange('setting value not a number', 'SET watchdogMs abc', 'error:2'),
  exchange('setting value below its range', 'SET watchdogMs 10', 'error:3'),
  exchange('a CR inside a line is dropped like one before the newline', 'PI\rNG', 'ok'),
  exchange('an abort byte inside a line is an ordinary byte of it', 'PI!NG', 'error:1'),
  exchange('an abort byte at a line start not followed by the newline is part of the line', '!PING', 'error:1'),
  exchange('a Ctrl-X not followed by the newline is a forbidden byte of the line', '\u0018PING', 'error:23'),
  exchange('LIMITS takes no argument', 'LIMITS 1', 'error:5'),
  exchange('id with a leading zero, under a correct CRC', seal('#00042 PING'), 'error:8'),
  exchange('more than 9 significant digits is out of range', 'POLE 1234567890', 'error:3'),
  exchange('a ten-digit setting value is out of range', 'SET countsPerN 1234567890', 'error:3'),
  exchange('a number may start with its point', 'VDROP 1 .05', 'error:3'),
  exchange('a number may not end with its point', 'VDROP 1 5.', 'error:2'),
  exchange('a fraction where an integer belongs, beyond float precision', 'PULL 8 1 99999999.9', 'error:2'),
  exchange('setting names are case-insensitive', 'SET WATCHDOGMS 10', 'error:3'),
  exchange('calDate is 0 or a date', 'SET calDate 5', 'error:3'),
  exchange('tareCounts is a 24-bit HX711 reading', 'SET tareCounts 9000000', 'error:3'),
];

/** Steps that must be replayed in this order on one connection. */
const sequences = [
  {
    name: 'a repeated id of a state-changing request is answered from memory with dup=1, not executed again',
    steps: [exchange('first', withId(30, 'POLE 1'), 'ok pole=1', 30), exchange('retry with the same id', withId(30, 'POLE 1'), 'ok dup=1', 30)],
  },
  {
    name: 'a read is never answered from memory: a repeated id runs it again',
    steps: [exchange('first', withId(31, 'PING'), 'ok', 31), exchange('the same id again', withId(31, 'PING'), 'ok', 31)],
  },
  {
    name: 'RESULT on a rig that ran no long operation since boot, then a HOME at the switch',
    steps: [exchange('nothing yet', withId(42, 'RESULT'), 'ok op=- opId=0 running=0', 42), exchange('home at the switch ends at once', withId(43, 'HOME'), 'ok', 43),
      exchange('its DONE, kept', withId(44, 'RESULT'), 'ok op=HOME opId=43 running=0 result=ok posMm=0.0000', 44)],
  },
];

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const write = (name: string, data: unknown) => writeFileSync(here(name), `${JSON.stringify(data, null, 2)}\n`, 'utf8');

write('device-lines.json', {
  about: 'Device -> host lines without the newline. valid: decode(line, requireCrc) === {id, message} and encode(message, id) === line. decodeOnly: decode only. rejected: decode fails with reason. Generated by build-vectors.ts from hand-written expectations.',
  valid,
  decodeOnly,
  rejected,
});
write('requests.json', {
  about: 'Host -> device. encode: encodeRequest(id, command, args) === line. exchanges: send the line plus "\\n" to a freshly booted rig (rigs/uno-pull/rig.yaml) and expect exactly reply (plus "\\n"); push messages (banner, ALARM, [MSG:...]) may come in between and are not replies. Strings are bytes 0x00-0x7F. sequences: steps in order. Generated by build-vectors.ts from hand-written expectations.',
  rig: 'rigs/uno-pull/rig.yaml',
  encode,
  exchanges,
  sequences,
});
