import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AttemptRecord, MeasurementRecord, StepRecord, TestRecord } from '../../runner/test-record.js';

/**
 * Test records as JUnit XML, for CI systems that build firmware or fixtures and want a result they
 * already read: one <testsuite> per unit run, one <testcase> per step (a pole step once per pole),
 * FAIL as <failure>, ERROR and ABORTED as <error>, SKIPPED as <skipped>, each with the cause and the
 * measured values against their limits. The elements and attributes are those of the JUnit format as
 * Ant, Maven Surefire and Jenkins read it; docs/junit.xsd describes what this writes.
 */
export interface JunitRun {
  runId: string;
  record: TestRecord;
}

interface ScopedStep {
  classname: string;
  step: StepRecord;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function stepsOf(record: TestRecord): ScopedStep[] {
  const unit = `${record.serial}.unit`;
  return [
    ...record.unitSteps.map((step) => ({ classname: unit, step })),
    ...record.poles.flatMap((p) => p.steps.map((step) => ({ classname: `${record.serial}.pole${p.pole}`, step }))),
    ...record.unitStepsAfter.map((step) => ({ classname: unit, step })),
  ];
}

/** One measurement in words: `peak-force = 46.13 N (low 45, U 0.89) PASS`. */
function measurementText(m: MeasurementRecord): string {
  const limits = [m.limits.low === undefined ? null : `low ${m.limits.low}`, m.limits.high === undefined ? null : `high ${m.limits.high}`, m.uncertainty ? `U ${m.uncertainty.expanded.toPrecision(2)}` : null].filter((x) => x !== null);
  const where = m.pair ? ` poles ${m.pair.join('-')}` : m.pole === undefined ? '' : ` pole ${m.pole}`;
  const bound = m.beyondRange === 'above' ? '> ' : m.beyondRange === 'below' ? '< ' : '';
  const value = m.value === null ? 'none' : `${bound}${m.value}${m.unit ? ` ${m.unit}` : ''}`;
  return `${m.name}${where} = ${value}${limits.length > 0 ? ` (${limits.join(', ')})` : ''} ${m.verdict}${m.cause ? `: ${m.cause}` : ''}`;
}

const lastAttempt = (step: StepRecord): AttemptRecord | undefined => step.attempts.at(-1);

function addTestcase(suite: XMLBuilder, { classname, step }: ScopedStep): void {
  const attempts = step.attempts.reduce((ms, a) => ms + a.durationMs, 0);
  const testcase = suite.ele('testcase', { classname, name: step.stepId, time: seconds(attempts) });
  const last = lastAttempt(step);
  const details = (last?.measurements ?? []).map(measurementText).join('\n');
  const message = step.cause ?? last?.error ?? step.outcome;
  if (step.outcome === 'FAIL') testcase.ele('failure', { message, type: 'FAIL' }).txt(details);
  else if (step.outcome === 'ERROR' || step.outcome === 'ABORTED') testcase.ele('error', { message, type: step.outcome }).txt([last?.error, details].filter(Boolean).join('\n'));
  else if (step.outcome === 'SKIPPED') testcase.ele('skipped', { message });
  else if (details) testcase.ele('system-out').txt(details);
}

function addSuite(root: XMLBuilder, { runId, record }: JunitRun): void {
  const steps = stepsOf(record);
  const count = (outcomes: string[]): number => steps.filter((s) => outcomes.includes(s.step.outcome)).length;
  const suite = root.ele('testsuite', {
    name: `${record.serial} ${record.plan.name}`,
    id: runId,
    tests: String(steps.length),
    failures: String(count(['FAIL'])),
    errors: String(count(['ERROR', 'ABORTED'])),
    skipped: String(count(['SKIPPED'])),
    time: seconds(record.durationMs),
    timestamp: record.startedAt,
    hostname: record.station ?? record.rig.id,
  });
  const properties = suite.ele('properties');
  const property = (name: string, value: string | number | null | undefined): void => void (value === null || value === undefined ? undefined : properties.ele('property', { name, value: String(value) }));
  property('outcome', record.outcome);
  property('plan', record.plan.name);
  property('plan.hash', record.plan.hash);
  property('dut', record.dut.partNumber);
  property('conductor', record.conductor.id);
  property('rig', record.rig.id);
  property('firmware', record.rig.firmwareVersion);
  property('calibration', record.calibration ? `${record.calibration.status}, ${record.calibration.date ?? 'never'}, due ${record.calibration.dueDate ?? '-'}` : null);
  property('release', record.release ? (record.release.forRelease ? 'for release' : `NOT FOR RELEASE: ${record.release.reason ?? ''}`) : null);
  property('decision-rule', record.decisionRule?.rule);
  property('operator', record.operator);
  for (const step of steps) addTestcase(suite, step);
}

/** The whole document: <testsuites> with the totals of every run. */
export function junitXml(runs: readonly JunitRun[]): string {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const { record } of runs) {
    for (const { step } of stepsOf(record)) {
      totals.tests++;
      if (step.outcome === 'FAIL') totals.failures++;
      else if (step.outcome === 'ERROR' || step.outcome === 'ABORTED') totals.errors++;
      else if (step.outcome === 'SKIPPED') totals.skipped++;
    }
  }
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'clampbench', ...Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, String(v)])) });
  for (const run of runs) addSuite(root, run);
  return `${root.end({ prettyPrint: true })}\n`;
}
