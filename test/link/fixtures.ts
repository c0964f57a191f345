import { LineClient } from '../../host/link/line-client.js';
import { ManualClock } from './manual-clock.js';
import { ScriptedDevice, type Answer, type ScriptedRequest } from './scripted-device.js';

export const BANNER = 'clampbench fw=0.2.0 proto=2.0 rig=CB-UNO-0001';

export function infoReply(proto = '2.0', lastId = 0): string {
  return `ok fw=0.2.0 proto=${proto} rig=CB-UNO-0001 board=uno poles=4 caps=vdrop,iso,pull,heat calDate=0 settings=1 lastId=${lastId}`;
}

export const LIMITS_REPLY = 'ok forceCapN=250.0 capacityN=500.0 maxCurrentA=10.0 maxSpeedMmps=5.0 approachMmps=0.5 travelMm=50.0 maxTempC=120 sampleHz=80';

export interface Bench {
  clock: ManualClock;
  device: ScriptedDevice;
  client: LineClient;
}

/** A client on a scripted device; requests time out after 100 ms of the manual clock. */
export function bench(handler: (request: ScriptedRequest) => Answer): Bench {
  const clock = new ManualClock();
  // LIMITS follows INFO in every handshake; a test about something else need not script it.
  const device = new ScriptedDevice(clock, (request) => (request.command === 'LIMITS' ? LIMITS_REPLY : handler(request)));
  const client = new LineClient(device, { clock, requestTimeoutMs: 100 });
  return { clock, device, client };
}

/** A bench whose client has completed connect() (banner, then INFO), so later banners count as resets. */
export async function connectedBench(handler: (request: ScriptedRequest) => Answer): Promise<Bench> {
  const b = bench((request) => (request.command === 'INFO' ? infoReply() : handler(request)));
  b.device.push(BANNER);
  const connecting = b.client.connect({ bannerWaitMs: 500 });
  await b.clock.advance(50);
  await connecting;
  return b;
}

/** Capture a promise's rejection (attached at once, so advancing the clock never leaves it unhandled). */
export function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}
