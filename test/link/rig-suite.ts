import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import type { PullDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import { AlarmCode, ErrorCode, PROTOCOL } from '../../firmware-protocol/generated/codes.js';
import type { OpenRig } from '../../host/rig/open-rig.js';
import { DeviceError } from '../../host/link/line-client.js';
import type { UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { homePuller } from '../../host/rig/uno-pull-home.js';

/** A rig opened for the suite; `sim` is there when the rig is simulated (its truth can be checked). */
export interface SuiteRig {
  rig: OpenRig;
  sim?: UnoPullSimulator;
  cleanup?: () => Promise<void>;
}

async function deviceErrorCode(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DeviceError)) throw new Error(`expected a device error, got ${String(error)}`);
  return error.code;
}

/**
 * The same checks through every transport: the in-process simulator binding, a socat PTY with
 * serialport's SerialPort, and a real rig on the bench. Needs a DUT with 4 poles mounted.
 */
export function defineRigSuite(label: string, open: () => Promise<SuiteRig>): void {
  describe(`rig over ${label}`, () => {
    let suite: SuiteRig;
    beforeAll(async () => {
      suite = await open();
    }, 60_000);
    afterAll(async () => {
      await suite?.rig.close();
      await suite?.cleanup?.();
    });

    it('info: a clampbench rig of this protocol major, with its id and capabilities', async () => {
      const { identity } = suite.rig;
      expect(identity.protocolMajor).toBe(PROTOCOL.major);
      expect(identity.info.capabilities).toEqual(expect.arrayContaining(['vdrop', 'iso', 'pull']));
      const info = await suite.rig.client.request('INFO');
      expect(info.fields.rig).toBe(identity.rigId);
      if (suite.sim) expect(identity.rigId).toBe('CB-UNO-0001');
    });

    it('status: the STATUS reply and the realtime ? report agree', async () => {
      const { client } = suite.rig;
      const reply = await client.request('STATUS');
      expect(reply.fields.state).toBe('IDLE');
      expect(reply.fields.estop).toBe('0');
      const pushed = client.waitFor('status');
      client.sendRaw('?');
      const status = await pushed;
      expect(status.state).toBe('IDLE');
      expect(status.estopPressed).toBe(false);
    });

    it('measure: a 4-wire voltage drop on pole 1', async () => {
      const reply = vdropReplyFromFields((await suite.rig.client.request('VDROP', [1, 5.7])).fields);
      expect(reply).not.toBeNull();
      expect(reply?.currentA).toBeGreaterThan(5.6);
      if (suite.sim) expect(Math.abs((reply?.resistanceMilliohm ?? 0) - 0.3) / 0.3).toBeLessThan(0.01);
      else expect(reply?.resistanceMilliohm).toBeGreaterThan(0);
    });

    it('pull: samples stream without a gap and the profile holds', async () => {
      const { client } = suite.rig;
      await client.request('POLE', [1]);
      const samples: SampleMessage[] = [];
      const gaps: unknown[] = [];
      const onSample = (s: SampleMessage): void => void samples.push(s);
      const onGap = (g: unknown): void => void gaps.push(g);
      client.on('sample', onSample);
      client.on('sample-gap', onGap);
      // Position before force: PULL needs a HOME since boot (at the switch already, it ends at once).
      await homePuller(client, 100, 1);
      const stopKeepAlive = client.startKeepAlive(100);
      try {
        const done = client.waitFor('done', (m) => m.operation === 'PULL', 60_000);
        await client.request('PULL', [50, 30, 1000]);
        const end = (await done) as PullDoneMessage;
        expect(end.result).toBe('held');
        expect(end.holdMinN).toBeGreaterThanOrEqual(49);
        expect(end.holdMaxN).toBeLessThanOrEqual(51);
        expect(gaps).toEqual([]);
        expect(samples.map((s) => s.sampleNumber)).toEqual(Array.from({ length: end.lastSampleNumber }, (_, i) => i + 1));
      } finally {
        stopKeepAlive();
        client.off('sample', onSample);
        client.off('sample-gap', onGap);
      }
    });

    it('errors: out-of-range and unknown commands get their codes, and the rig still answers', async () => {
      const { client } = suite.rig;
      expect(await deviceErrorCode(client.request('VDROP', [99, 1]))).toBe(ErrorCode.OUT_OF_RANGE);
      expect(await deviceErrorCode(client.request('FROB'))).toBe(ErrorCode.UNKNOWN_COMMAND);
      await expect(client.request('PING')).resolves.toMatchObject({ kind: 'ok' });
    });

    it('alarms: host silence with the current on latches ALARM:3 until RESET', async () => {
      const { client } = suite.rig;
      await client.request('POLE', [1]);
      const alarm = client.waitFor('alarm', (a) => a.code === AlarmCode.HOST_SILENCE, 5000);
      await client.request('HEAT', [1]);
      await alarm;
      expect(await deviceErrorCode(client.request('HEAT', [1]))).toBe(ErrorCode.ALARM_LOCKED);
      await client.request('RESET');
      await client.request('POLE', [0]);
      if (suite.sim) expect(suite.sim.world.currentEnabled).toBe(false);
    });
  });
}
