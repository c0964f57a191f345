import { REALTIME } from '../../firmware-protocol/codec/realtime.js';
import { requests } from '../../firmware-protocol/generated/commands.js';
import { insulReplyFromFields, isoReplyFromFields, statusReplyFromFields, vdropReplyFromFields } from '../../firmware-protocol/codec/known-replies.js';
import type { OkMessage } from '../../firmware-protocol/codec/messages/reply-ok.js';
import type { SampleMessage } from '../../firmware-protocol/codec/messages/sample.js';
import { ErrorCode, isLatchingAlarm } from '../../firmware-protocol/generated/codes.js';
import type { BannerMessage } from '../../firmware-protocol/codec/messages/banner.js';
import { DeviceError, FirmwareResetError, type DeviceIdentity, type LineClient, type LinkCounts } from '../link/line-client.js';
import { RigAbortedError, RigAlarmError, RigResetRefusedError } from './rig-errors.js';
import type { RigUncertaintyFigures } from './rig-uncertainty.js';
import { unoPullInsulationMeter } from './uno-pull-insulation-meter.js';
import type { CheckStandard, DropReading, InsulationMeter, InsulationReading, IsolationReading, PullProfile, PullReading, RigCalibration, RigDriver, SafetyState } from './rig-driver.js';
import { calibrationOfSettings } from './uno-pull-calibration.js';
import { loadRigDefinition } from '../../rigs/uno-pull/rig-definition.js';
import { homePuller } from './uno-pull-home.js';
import { unoPullUncertaintyFigures } from './uno-pull-uncertainty.js';
import { KEEP_ALIVE_MS, pullOnSelectedPole } from './uno-pull-pull.js';

/**
 * The Uno pull rig (clampbench firmware, PROTOCOL.md) as a RigDriver, over a connected LineClient.
 * Protocol errors become RigAlarmError / RigAbortedError / DeviceError; everything else is the link's.
 */
export class UnoPullDriver implements RigDriver {
  readonly identity: RigDriver['identity'];
  readonly capabilities: ReadonlySet<string>;
  readonly maxPoles: number;
  readonly limits: RigDriver['limits'];
  readonly uncertaintyFigures: RigUncertaintyFigures;
  /** Present when the firmware has INSUL (INFO cap `insul`, protocol 2.2 on). */
  readonly insulationMeter?: InsulationMeter;
  checkStandard?: CheckStandard;
  private lastAlarmCode: number | null = null;
  private stopHeatKeepAlive: (() => void) | null = null;
  /**
   * A latching alarm raised while the test current was on. The firmware has already switched the current
   * off; nothing the runner asks during a temperature rise (TEMP) would fail, so the next reading reports it.
   */
  private alarmWhileHeating: number | null = null;
  /** The firmware ends a hold on slip by its own setting; set only when a profile asks for another. */
  private slipLimitMm: number | null;
  /**
   * The pole the firmware's relays hold selected, as its last VDROP or POLE reply said; null after
   * anything else (ISO, an alarm, a reset, an error), so a PULL is preceded by POLE unless the pole
   * is known. A wrong belief could only be a null one: nothing selects a pole but these two replies.
   */
  private selectedPole: number | null = null;
  private readonly travelMm: number;
  /**
   * The banner of a reboot nobody asked for: the rig lost its state (tare, selected pole, a running
   * pull), so this driver refuses every further request; the caller handshakes again on a new one.
   */
  private rebootedWith: BannerMessage | null = null;
  /**
   * Whether the firmware trusts its position counter: not before this driver homed once, nor after an
   * alarm or an abort (both switch the motor off). A wrong true belief costs one NOT_HOMED refusal.
   */
  private positionKnown = false;

  constructor(
    private readonly client: LineClient,
    device: DeviceIdentity,
    where: string,
    private readonly closeLink: () => Promise<void> = async () => undefined,
    slipLimitMm: number | null = null,
    uncertaintyFigures: RigUncertaintyFigures = unoPullUncertaintyFigures(),
    readonly calibration: RigCalibration = { calDate: device.info.calDate, intervalDays: 0, checksum: null },
  ) {
    this.uncertaintyFigures = uncertaintyFigures;
    const { info } = device;
    this.identity = { rigId: info.rigId, firmwareVersion: info.firmwareVersion, protocol: `${info.protocolMajor}.${info.protocolMinor}`, calDate: info.calDate, where };
    this.capabilities = new Set(info.capabilities);
    this.maxPoles = info.poles;
    this.travelMm = info.travelMm;
    this.limits = {
      forceCapN: info.forceCapN,
      capacityN: info.capacityN,
      maxCurrentA: info.maxCurrentA,
      maxSpeedMmps: info.maxSpeedMmps,
      maxTempC: info.maxTempC,
      // Protocol 2.1 on: a 2.0 rig neither reports it nor ends a pull with noload.
      ...(info.maxSlackMm === undefined ? {} : { maxSlackMm: info.maxSlackMm }),
    };
    this.slipLimitMm = slipLimitMm;
    if (this.capabilities.has('insul')) this.insulationMeter = unoPullInsulationMeter();
    client.on('alarm', (alarm) => {
      this.lastAlarmCode = alarm.code;
      this.selectedPole = null;
      this.positionKnown = false;
      if (this.stopHeatKeepAlive !== null && isLatchingAlarm(alarm.code)) this.alarmWhileHeating ??= alarm.code;
    });
    client.on('reset', ({ banner }) => {
      this.selectedPole = null;
      this.rebootedWith = banner;
    });
  }

  /**
   * Read the settings the driver needs (slip limit, the calibration and its checksum) and build the driver.
   * `intervalDays`: the calibration interval, default the rig definition's (rigs/uno-pull/rig.yaml).
   */
  static async create(client: LineClient, device: DeviceIdentity, where: string, closeLink?: () => Promise<void>, intervalDays?: number): Promise<UnoPullDriver> {
    const settings = await client.request(...requests.settings());
    const slip = Number(settings.fields.slipLimitMm);
    const figures = loadRigDefinition().calibration;
    const calibration = calibrationOfSettings(settings.fields, intervalDays ?? figures.intervalDays);
    const driver = new UnoPullDriver(client, device, where, closeLink, Number.isFinite(slip) ? slip : null, unoPullUncertaintyFigures(), calibration);
    driver.checkStandard = { ...figures.checkStandard, currentA: figures.checkCurrentA };
    return driver;
  }

  async measureDrop(pole: number, currentA: number, samples: number): Promise<DropReading> {
    try {
      const reply = vdropReplyFromFields((await this.request(...requests.vdrop({ pole, currentA, samples }))).fields);
      if (!reply) throw new Error('malformed VDROP reply');
      return {
        open: false,
        dropMv: reply.dropMv,
        currentA: reply.currentA,
        resistanceMilliohm: reply.resistanceMilliohm,
        // Protocol 2.2 on; an older rig reports no spread and the budget has no Type A line.
        ...(reply.senseSdMv === undefined ? {} : { senseSdMv: reply.senseSdMv }),
        ...(reply.shuntSdA === undefined ? {} : { shuntSdA: reply.shuntSdA }),
      };
    } catch (error) {
      if (error instanceof DeviceError && error.code === ErrorCode.OPEN_CIRCUIT) return { open: true };
      throw error;
    }
  }

  async checkIsolation(poles: number): Promise<IsolationReading> {
    const reply = isoReplyFromFields((await this.request(...requests.iso({ poles }))).fields);
    if (!reply) throw new Error('malformed ISO reply');
    return { farEndByPole: reply.farEndByPole, shortedPairs: reply.shortedPairs };
  }

  async measureInsulation(a: number, b: number): Promise<InsulationReading> {
    const reply = insulReplyFromFields((await this.request(...requests.insul({ a, b }))).fields);
    if (!reply || (reply.range !== 'in' && reply.range !== 'above' && reply.range !== 'below')) throw new Error('malformed INSUL reply');
    this.selectedPole = null;
    return { a: reply.a, b: reply.b, range: reply.range, resistanceOhm: reply.resistanceOhm, spreadCounts: { pair: reply.sdPair, drive: reply.sdDrive } };
  }

  async pull(pole: number, profile: PullProfile, onSample?: (sample: SampleMessage) => void): Promise<PullReading> {
    if (this.slipLimitMm !== profile.slipLimitMm) {
      await this.request(...requests.set('slipLimitMm', profile.slipLimitMm));
      this.slipLimitMm = profile.slipLimitMm;
    }
    // The puller grips the conductor of the selected pole; a VDROP on it just before has selected it.
    if (this.selectedPole !== pole) await this.request(...requests.pole({ pole }));
    // Position before force (PROTOCOL.md 2.3, PULL): a pull from an unknown position would judge the wrong travel.
    if (!this.positionKnown) await this.homePuller();
    this.refuseAfterReboot('PULL');
    try {
      const reading = await this.pullOnce(profile, onSample);
      // noload needs nothing here: the firmware has returned home as after a held pull, position known.
      // An unknown result leaves the rig in a state this host cannot tell: make it safe as after an alarm.
      if (reading.result === 'alarm' || reading.result === 'aborted' || reading.result === 'unknown') await this.makeSafe().catch(() => undefined);
      return reading;
    } catch (error) {
      await this.makeSafe().catch(() => undefined); // the teardown reports a rig that stays unsafe
      throw this.translate(error);
    }
  }

  /** PULL; refused NOT_HOMED (the position was lost in a way this driver did not see), home once and pull. */
  private async pullOnce(profile: PullProfile, onSample?: (sample: SampleMessage) => void): Promise<PullReading> {
    try {
      return await pullOnSelectedPole(this.client, profile, onSample);
    } catch (error) {
      if (!(error instanceof DeviceError && error.code === ErrorCode.NOT_HOMED)) throw error;
      this.positionKnown = false;
      await this.homePuller();
      return await pullOnSelectedPole(this.client, profile, onSample);
    }
  }

  async homePuller(): Promise<void> {
    this.refuseAfterReboot('HOME');
    try {
      await homePuller(this.client, this.travelMm, this.limits.maxSpeedMmps ?? 1);
      this.positionKnown = true;
    } catch (error) {
      await this.makeSafe().catch(() => undefined);
      throw this.translate(error);
    }
  }

  async heatOn(pole: number, currentA: number): Promise<void> {
    await this.request(...requests.pole({ pole }));
    // The watchdog drops the current after watchdogMs of host silence; the runner polls far less often.
    this.stopHeatKeepAlive?.();
    this.stopHeatKeepAlive = this.client.startKeepAlive(KEEP_ALIVE_MS);
    this.alarmWhileHeating = null;
    try {
      await this.request(...requests.heat({ currentA }));
    } catch (error) {
      await this.makeSafe().catch(() => undefined); // the teardown reports a rig that stays unsafe
      throw error;
    }
  }

  async heatOff(): Promise<void> {
    try {
      await this.request(...requests.heat({ currentA: 0 }));
    } finally {
      this.stopHeatKeepAlive?.();
      this.stopHeatKeepAlive = null;
      this.alarmWhileHeating = null;
    }
  }

  async readTemperatureC(): Promise<number> {
    if (this.alarmWhileHeating !== null) throw new RigAlarmError(this.alarmWhileHeating, 'HEAT');
    const tempC = Number((await this.request(...requests.temp())).fields.tempC);
    if (!Number.isFinite(tempC)) throw new Error('malformed TEMP reply');
    return tempC;
  }

  async makeSafe(): Promise<void> {
    this.selectedPole = null;
    this.positionKnown = false; // the abort switches the motor off
    // Abort first: it ends a running PULL or VDROP at the next check point, which HEAT/POLE would wait behind.
    try {
      this.client.sendRaw(REALTIME.abort);
    } catch {
      // The link is gone; the firmware's host-silence watchdog makes the rig safe on its own.
    }
    // Every command is tried even when one fails; a rig that confirmed none of them (a hung firmware,
    // a pulled cable) may still have its current on, and the record must say so.
    const unconfirmed: string[] = [];
    for (const [command, args] of [requests.heat({ currentA: 0 }), requests.pole({ pole: 0 })]) {
      await this.client.request(command, args).catch((error: unknown) => {
        // ALARM_LOCKED confirms it: a latched alarm holds the rig in its safe state (PROTOCOL.md 3.2).
        if (error instanceof DeviceError && error.code === ErrorCode.ALARM_LOCKED) return;
        unconfirmed.push(error instanceof Error ? error.message : String(error));
      });
    }
    this.stopHeatKeepAlive?.();
    this.stopHeatKeepAlive = null;
    this.alarmWhileHeating = null;
    if (unconfirmed.length > 0) throw new Error(`the rig did not confirm the safe state: ${unconfirmed.join('; ')}`);
  }

  async readSafetyState(): Promise<SafetyState> {
    // Read-only: sent past this.request, so the driver's belief about the selected pole stays.
    const reply = await this.client.request(...requests.status()).catch((error: unknown) => Promise.reject(this.translate(error)));
    const status = statusReplyFromFields(reply.fields);
    if (!status) throw new Error('malformed STATUS reply');
    return { latchedAlarms: status.alarms.filter(isLatchingAlarm), estopPressed: status.estopPressed, guardOpen: status.guardOpen };
  }

  async resetAlarms(): Promise<void> {
    try {
      await this.request(...requests.reset());
    } catch (error) {
      if (error instanceof DeviceError && error.code === ErrorCode.ESTOP_ACTIVE) {
        const still = await this.readSafetyState().catch(() => null);
        throw new RigResetRefusedError(still?.latchedAlarms ?? []);
      }
      throw error;
    }
    this.lastAlarmCode = null;
  }

  linkCounts(): LinkCounts {
    return this.client.linkCounts();
  }

  async close(): Promise<void> {
    this.stopHeatKeepAlive?.();
    await this.closeLink();
  }

  private async request(command: string, args: ReadonlyArray<string | number> = []): Promise<OkMessage> {
    this.refuseAfterReboot(command);
    this.selectedPole = null;
    try {
      const reply = await this.client.request(command, args);
      if (command === 'VDROP' || command === 'POLE') this.selectedPole = Number(reply.fields.pole) || null;
      return reply;
    } catch (error) {
      throw this.translate(error);
    }
  }

  private refuseAfterReboot(command: string): void {
    if (this.rebootedWith) throw new FirmwareResetError(`${command} (not sent: the rig rebooted since the last request)`, this.rebootedWith);
  }

  /** error:10 and error:22 in the words of the runner: an alarm (which one) or an abort. */
  private translate(error: unknown): unknown {
    if (!(error instanceof DeviceError)) return error;
    if (error.code === ErrorCode.ALARM_LOCKED && this.lastAlarmCode !== null) return new RigAlarmError(this.lastAlarmCode, error.request);
    if (error.code === ErrorCode.ABORTED) return new RigAbortedError(error.request);
    return error;
  }
}

