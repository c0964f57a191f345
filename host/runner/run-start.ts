import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RigCalibration, RigDriver } from '../rig/rig-driver.js';
import { calibrationOf, calibrationProblem, type ReleaseRecord } from './calibration-status.js';
import { decisionRuleRecord } from './decision-rule.js';
import { isoWithOffset } from './iso-time.js';
import type { RunHeader } from './run-events.js';

/** The options of a run its start depends on (runPlan's own options have them all). */
export interface RunStartOptions {
  serial: string;
  operatorName?: string;
  station?: string;
  skipOptional?: boolean;
  allowUncalibrated?: string;
  calibrationRecordOf?: (rigId: string, calibration: RigCalibration) => string | undefined;
  now?: Date;
  resume?: { startedAt: string; release?: ReleaseRecord };
}

export interface RunStart {
  /** The journal's and the record's header: what ran, on which rig and calibration, by whom, when. */
  header: RunHeader;
  /** Steps the run has in all (unit steps, each pole's steps, unit steps after). */
  totalSteps: number;
  /** Why the rig's calibration is not valid, or null. */
  calibrationFault: string | null;
}

/**
 * How a run of `plan` on `driver` starts: its header and its size. runPlan starts every run with it; a
 * station whose attempt could not start (a lost link, a refusal) journals it too, so the history keeps
 * that attempt as a run that did not finish.
 */
export function runStartOf(plan: ResolvedPlan, driver: RigDriver, options: RunStartOptions): RunStart {
  const calibration = calibrationOf(driver.calibration, options.now ?? new Date(), options.calibrationRecordOf?.(driver.identity.rigId, driver.calibration));
  const calibrationFault = calibrationProblem(driver.identity.rigId, calibration);
  const totalSteps = plan.unitSteps.length + plan.poles.length * plan.poleSteps.length + (plan.unitStepsAfter ?? []).length;
  const header: RunHeader = {
    recordVersion: 1,
    serial: options.serial,
    plan: { name: plan.name, description: plan.description, hash: plan.planHash, stopOnFirstFail: plan.options.stopOnFirstFail, retest: plan.options.retest },
    dut: { partNumber: plan.dut.partNumber, poles: plan.dut.poles, description: plan.dut.description, ...(plan.dut.illustrative ? { illustrative: plan.dut.illustrative } : {}) },
    ...(plan.files ? { files: { ...plan.files } } : {}),
    conductor: { ...plan.conductor },
    rig: {
      id: driver.identity.rigId,
      firmwareVersion: driver.identity.firmwareVersion,
      protocol: driver.identity.protocol,
      calDate: driver.identity.calDate,
      where: driver.identity.where,
    },
    calibration,
    release: releaseOf(calibrationFault, options.allowUncalibrated, options.resume?.release),
    operator: options.operatorName ?? null,
    station: options.station ?? null,
    skipOptional: options.skipOptional ?? false,
    startedAt: options.resume?.startedAt ?? isoWithOffset(new Date()),
    decisionRule: decisionRuleRecord(plan.decisionRule ?? 'simple'),
  };
  return { header, totalSteps, calibrationFault };
}

/** Releasable only when the calibration is valid now and, for a resumed run, was for the part before too. */
function releaseOf(calibrationFault: string | null, overrideReason: string | undefined, before: ReleaseRecord | undefined): ReleaseRecord {
  const reasons = [
    ...(before && !before.forRelease ? [`before the interruption: ${before.reason ?? 'not for release'}`] : []),
    ...(calibrationFault === null ? [] : [`${calibrationFault}; run anyway: ${overrideReason ?? ''}`]),
  ];
  return reasons.length === 0 ? { forRelease: true } : { forRelease: false, reason: reasons.join('; ') };
}
