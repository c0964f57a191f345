import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { AttemptRecord, MeasurementRecord, Outcome, StepRecord, TestRecord } from '../../runner/test-record.js';
import { stepsInRunOrder, type ScopedStep } from '../rows-from-record.js';

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

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** How JUnit reports a step's outcome: FAIL a failure, ERROR and ABORTED an error, SKIPPED skipped; PASS nothing. */
function junitKind(outcome: Outcome): 'failure' | 'error' | 'skipped' | null {
  if (outcome === 'FAIL') return 'failure';
  if (outcome === 'ERROR' || outcome === 'ABORTED') return 'error';
  return outcome === 'SKIPPED' ? 'skipped' : null;
}

/** The counts a testsuite and the testsuites element carry. */
function tally(steps: readonly ScopedStep[]): { tests: number; failures: number; errors: number; skipped: number } {
  const count = (kind: string): number => steps.filter(({ step }) => junitKind(step.outcome) === kind).length;
  return { tests: steps.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
}

const classnameOf = (serial: string, { pole }: ScopedStep): string => (pole === null ? `${serial}.unit` : `${serial}.pole${pole}`);

/** One measurement in words: `peak-force = 46.13 N (low 45, U 0.89) PASS`. */
function measurementText(m: MeasurementRecord): string {
  const limits = [m.limits.low === undefined ? null : `low ${m.limits.low}`, m.limits.high === undefined ? null : `high ${m.limits.high}`, m.uncertainty ? `U ${m.uncertainty.expanded.toPrecision(2)}` : null].filter((x) => x !== null);
  const where = m.pair ? ` poles ${m.pair.join('-')}` : m.pole === undefined ? '' : ` pole ${m.pole}`;
  const bound = m.beyondRange === 'above' ? '> ' : m.beyondRange === 'below' ? '< ' : '';
  const value = m.value === null ? 'none' : `${bound}${m.value}${m.unit ? ` ${m.unit}` : ''}`;
  return `${m.name}${where} = ${value}${limits.length > 0 ? ` (${limits.join(', ')})` : ''} ${m.verdict}${m.cause ? `: ${m.cause}` : ''}`;
}

const lastAttempt = (step: StepRecord): AttemptRecord | undefined => step.attempts.at(-1);

function addTestcase(suite: XMLBuilder, serial: string, scoped: ScopedStep): void {
  const { step } = scoped;
  const attempts = step.attempts.reduce((ms, a) => ms + a.durationMs, 0);
  const testcase = suite.ele('testcase', { classname: classnameOf(serial, scoped), name: step.stepId, time: seconds(attempts) });
  const last = lastAttempt(step);
  const details = (last?.measurements ?? []).map(measurementText).join('\n');
  const message = step.cause ?? last?.error ?? step.outcome;
  const kind = junitKind(step.outcome);
  if (kind === 'failure') testcase.ele('failure', { message, type: step.outcome }).txt(details);
  else if (kind === 'error') testcase.ele('error', { message, type: step.outcome }).txt([last?.error, details].filter(Boolean).join('\n'));
  else if (kind === 'skipped') testcase.ele('skipped', { message });
  else if (details) testcase.ele('system-out').txt(details);
}

function addSuite(root: XMLBuilder, { runId, record }: JunitRun): void {
  const steps = stepsInRunOrder(record);
  const suite = root.ele('testsuite', {
    name: `${record.serial} ${record.plan.name}`,
    id: runId,
    ...countAttributes(tally(steps)),
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
  for (const step of steps) addTestcase(suite, record.serial, step);
}

const countAttributes = (counts: ReturnType<typeof tally>): Record<string, string> => Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)]));

/** The whole document: <testsuites> with the totals of every run. */
export function junitXml(runs: readonly JunitRun[]): string {
  const totals = tally(runs.flatMap(({ record }) => stepsInRunOrder(record)));
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'clampbench', ...countAttributes(totals) });
  for (const run of runs) addSuite(root, run);
  return `${root.end({ prettyPrint: true })}\n`;
}
