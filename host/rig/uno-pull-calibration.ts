import { calibrationCheck } from '../../firmware-protocol/codec/calibration-check.js';
import { statusReplyFromFields, vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import type { Clock } from '../shared/clock.js';
import type { LineClient } from '../link/line-client.js';
import type { RigCalibration } from './rig-driver.js';

/** The calibration values a rig holds (SETTINGS), as calibrate reads them before and after. */
export interface LoadCellCalibration {
  tareCounts: number;
  countsPerN: number;
  /** SETTINGS text of countsPerN (3 decimals), what the checksum is computed over. */
  countsPerNText: string;
  calDate: number;
  /** null: a firmware before protocol 2.2, which stores no checksum. */
  calCheck: number | null;
}

/**
 * Wait after a load was put on or taken off before the first reading: a hung weight stops swinging, and the
 * newest conversion STATUS reports is one made under the new load (the firmware keeps the last reading).
 */
const FORCE_SETTLE_MS = 500;
/** Load-cell readings averaged for one calibration reading: 32, 0.8 s. */
const FORCE_READINGS = 32;
/** Two conversions apart (12.5 ms each at 80 Hz), so each STATUS carries a new reading. */
const FORCE_READING_SPACING_MS = 25;
/** ADC conversions a calibration VDROP averages (the most the firmware takes). */
const CHECK_SAMPLES = 1024;

/**
 * What `clampbench calibrate` asks of the Uno pull rig over its link: averaged force readings (STATUS),
 * a 4-wire reading on a pole (VDROP), the calibration settings, and writing them (SET). It writes
 * nothing by itself; `write` is called once the technician has confirmed.
 */
export class UnoPullCalibrationPort {
  constructor(
    private readonly client: LineClient,
    private readonly clock: Clock,
  ) {}

  /** Mean of FORCE_READINGS load-cell forces, N, with the rig's present calibration, after the load settled. */
  async meanForceN(): Promise<number> {
    let sum = 0;
    await this.sleep(FORCE_SETTLE_MS);
    for (let i = 0; i < FORCE_READINGS; i++) {
      if (i > 0) await this.sleep(FORCE_READING_SPACING_MS);
      const status = statusReplyFromFields((await this.client.request(...requests.status())).fields);
      if (!status) throw new Error('malformed STATUS reply');
      sum += status.forceN;
    }
    return sum / FORCE_READINGS;
  }

  /** A 4-wire reading of `pole` at `currentA`: the current that flowed (A) and the resistance (mΩ). */
  async measurePole(pole: number, currentA: number): Promise<{ currentA: number; milliohm: number }> {
    const reply = vdropReplyFromFields((await this.client.request(...requests.vdrop({ pole, currentA, samples: CHECK_SAMPLES }))).fields);
    if (!reply) throw new Error('malformed VDROP reply');
    return { currentA: reply.currentA, milliohm: reply.resistanceMilliohm };
  }

  async readCalibration(): Promise<LoadCellCalibration> {
    const f = (await this.client.request(...requests.settings())).fields;
    const countsPerNText = f.countsPerN ?? '';
    return {
      tareCounts: Number(f.tareCounts),
      countsPerN: Number(countsPerNText),
      countsPerNText,
      calDate: Number(f.calDate),
      calCheck: f.calCheck === undefined ? null : Number(f.calCheck),
    };
  }

  /**
   * Store a new calibration: tare, span and date, then the checksum over countsPerN as the rig prints it
   * back (its float may round the last digit differently from the text sent). Returns what the rig holds.
   */
  async write(values: { tareCounts: number; countsPerN: number; calDate: number }): Promise<LoadCellCalibration> {
    await this.client.request(...requests.set('tareCounts', values.tareCounts));
    await this.client.request(...requests.set('countsPerN', values.countsPerN.toFixed(3)));
    await this.client.request(...requests.set('calDate', values.calDate));
    const held = await this.readCalibration();
    await this.client.request(...requests.set('calCheck', calibrationCheck({ countsPerN: held.countsPerNText, calDate: held.calDate })));
    return this.readCalibration();
  }

  /** Mark the rig never calibrated (a calibration whose as-left checks failed must not stand). */
  async invalidate(): Promise<void> {
    await this.client.request(...requests.set('calDate', 0));
    await this.client.request(...requests.set('calCheck', 0));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.schedule(ms, resolve));
  }
}

/** The calibration a SETTINGS reply holds; `calCheck` is absent before protocol 2.2. */
export function calibrationOfSettings(fields: Readonly<Record<string, string>>, intervalDays: number): RigCalibration {
  const calDate = Number(fields.calDate ?? 0);
  const stored = fields.calCheck === undefined ? null : Number(fields.calCheck);
  const expected = fields.countsPerN === undefined ? null : calibrationCheck({ countsPerN: fields.countsPerN, calDate: fields.calDate ?? '0' });
  return { calDate, intervalDays, checksum: { stored, matches: stored !== null && stored === expected } };
}
