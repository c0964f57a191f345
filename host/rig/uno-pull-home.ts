import { requests } from '../../firmware-protocol/generated/commands.js';
import type { HomeDoneMessage } from '../../firmware-protocol/codec/messages/done.js';
import { alarmName } from '../../firmware-protocol/generated/codes.js';
import type { LineClient } from '../link/line-client.js';
import { waitForOperationEnd } from './uno-pull-operation-end.js';
import { KEEP_ALIVE_MS } from './uno-pull-pull.js';

/** Time beyond a full travel at top speed for HOME to report its end (the firmware gives up at 1.1 × travel). */
const HOME_MARGIN_MS = 5000;

/**
 * Drive the puller to its home switch and wait for DONE:HOME, keeping the watchdog fed. After a
 * reboot the firmware takes wherever the carriage stands for home; a pull cut off mid-ramp leaves it
 * out there with the conductor under tension, so the next pull must not start from it.
 */
export async function homePuller(client: LineClient, travelMm: number, maxSpeedMmps: number): Promise<HomeDoneMessage> {
  const timeoutMs = ((1.1 * travelMm) / maxSpeedMmps) * 1000 + HOME_MARGIN_MS;
  const wait = waitForOperationEnd<HomeDoneMessage>(client, 'HOME', timeoutMs);
  wait.end.catch(() => undefined);
  const stopKeepAlive = client.startKeepAlive(KEEP_ALIVE_MS);
  try {
    await client.request(...requests.home());
    // From the farthest point, a full travel at top speed; RESULT is asked early when a line arrives damaged.
    wait.accepted(client.clock.now() + (travelMm / maxSpeedMmps) * 1000);
    const { done: end } = await wait.end;
    if (end.result !== 'ok') {
      const alarm = end.alarm === undefined ? '' : ` (ALARM:${end.alarm} ${alarmName(end.alarm)})`;
      throw new Error(`HOME ended ${end.unknownResult === undefined ? end.result : `with unknown result ${end.unknownResult}`}${alarm} at ${end.posMm} mm`);
    }
    return end;
  } finally {
    wait.cancel();
    stopKeepAlive();
  }
}
