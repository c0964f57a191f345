import type { DeviceMessage } from '../../firmware-protocol/codec/device-message.js';
import { alarmName, alarmText, errorName, errorText, isLatchingAlarm } from '../../firmware-protocol/generated/codes.js';

function fieldText(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** One line for a person: codes translated to their names and texts. */
export function describeMessage(message: DeviceMessage): string {
  switch (message.kind) {
    case 'ok':
      return ['ok', fieldText(message.fields)].filter(Boolean).join(' ');
    case 'error':
      return `error ${message.code} ${errorName(message.code)}: ${errorText(message.code)}${message.fields.dup ? ' (answered from memory: not executed again)' : ''}`;
    case 'alarm': {
      const latch = isLatchingAlarm(message.code) ? 'latched, send RESET' : 'not latched';
      const detail = fieldText(message.fields);
      return `ALARM ${message.code} ${alarmName(message.code)}: ${alarmText(message.code)}${detail ? ` (${detail})` : ''} [${latch}]`;
    }
    case 'status': {
      const alarms = message.alarms.length ? message.alarms.map((code) => `${code} ${alarmName(code)}`).join(', ') : 'none';
      return (
        `status ${message.state}: pole ${message.pole}, ${message.forceN.toFixed(2)} N, ${message.posMm.toFixed(4)} mm, ` +
        `${message.currentA.toFixed(3)} A, ${message.tempC.toFixed(2)} °C, E-stop ${message.estopPressed ? 'PRESSED' : 'released'}, ` +
        `guard ${message.guardOpen ? 'OPEN' : 'closed'}, ${message.atHome ? 'at home' : 'away from home'}, alarms ${alarms}`
      );
    }
    case 'banner':
      return `rig booted: clampbench firmware ${message.firmwareVersion}, protocol ${message.protocolMajor}.${message.protocolMinor}, rig ${message.rigId}`;
    case 'msg':
      return `message: ${message.text}`;
    case 'sample':
      return `sample ${message.sampleNumber}: t=${message.tMs} ms ${message.forceN.toFixed(2)} N ${message.posMm.toFixed(4)} mm`;
    case 'done':
      if (message.operation === 'HOME') return `HOME done: ${message.result}, at ${message.posMm.toFixed(4)} mm${message.alarm ? `, alarm ${message.alarm} ${alarmName(message.alarm)}` : ''}`;
      return (
        `PULL done: ${message.result}, peak ${message.peakN.toFixed(2)} N, hold ${message.holdMinN.toFixed(2)}..${message.holdMaxN.toFixed(2)} N, ` +
        `slip ${message.slipMm.toFixed(4)} mm, ${message.lastSampleNumber} samples, ${message.durationMs} ms${message.alarm ? `, alarm ${message.alarm} ${alarmName(message.alarm)}` : ''}`
      );
    case 'unknown':
      return `(unrecognised line) ${message.raw}`;
  }
}
