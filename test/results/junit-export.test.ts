import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunFile } from '../../host/results/run-file.js';
import { clampbenchInProcess } from '../support/clampbench-in-process.js';
import { readRunFile, runFolders } from '../support/run-folders.js';

// `clampbench export --format junit` over a results folder with a pass, a miswire and a pull-out:
// the XML validates against docs/junit.xsd (xmllint, compiled to WebAssembly), and every suite and
// testcase says what the run.json of its run says.
const root = join(import.meta.dirname, '..', '..');
const scenarios = join(root, 'rigs', 'uno-pull', 'sim', 'scenarios');
const xsd = readFileSync(join(root, 'docs', 'junit.xsd'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'clampbench-junit-'));
const results = join(dir, 'results');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS = [
  { serial: 'J-GOOD', args: [] },
  { serial: 'J-SWAP', args: ['--scenario', join(scenarios, 'swap-1-2.yaml')] },
  { serial: 'J-PULLOUT', args: ['--scenario', join(scenarios, 'pullout-pole-3.yaml')] },
];

type Node = Record<string, unknown>;
/** The document as objects: attributes as `@name`, text as `#`, entities decoded. */
const parse = (text: string): { testsuites: { testsuite: unknown } } =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#', parseAttributeValue: false, parseTagValue: false }).parse(text) as { testsuites: { testsuite: unknown } };
const list = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node]);

describe('clampbench export --format junit', () => {
  let xml = '';
  const records = new Map<string, RunFile>();

  beforeAll(async () => {
    for (const run of RUNS) await clampbenchInProcess(['run', '--serial', run.serial, '--yes', '--out', results, ...run.args]);
    for (const record of runFolders(results).map(readRunFile)) records.set(record.runId, record);
    const out = join(dir, 'results.xml');
    const { code, stderr } = await clampbenchInProcess(['export', '--format', 'junit', '--results', results, '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('wrote 3 runs as JUnit XML');
    xml = readFileSync(out, 'utf8');
  }, 120_000);

  it('validates against docs/junit.xsd', async () => {
    const result = await validateXML({ xml: [{ fileName: 'results.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is refused by docs/junit.xsd when a testcase has no name (the schema checks something)', async () => {
    const broken = xml.replace(/<testcase classname="([^"]+)" name="[^"]+"/, '<testcase classname="$1"');
    expect(broken).not.toBe(xml);
    const result = await validateXML({ xml: [{ fileName: 'broken.xml', contents: broken }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
    expect(result.valid).toBe(false);
  });

  it('has one testsuite per run and one testcase per step, with the outcomes of run.json', () => {
    const doc = parse(xml);
    const suites = list(doc.testsuites.testsuite);
    expect(suites).toHaveLength(RUNS.length);
    for (const suite of suites) {
      const record = records.get(suite['@id'] as string)!;
      expect(record, String(suite['@id'])).toBeDefined();
      expect(suite['@name']).toBe(`${record.serial} ${record.plan.name}`);
      const steps = [...record.unitSteps.map((s) => ({ classname: `${record.serial}.unit`, s })), ...record.poles.flatMap((p) => p.steps.map((s) => ({ classname: `${record.serial}.pole${p.pole}`, s }))), ...record.unitStepsAfter.map((s) => ({ classname: `${record.serial}.unit`, s }))];
      const cases = list(suite.testcase);
      expect(cases.map((c) => [c['@classname'], c['@name']])).toEqual(steps.map(({ classname, s }) => [classname, s.stepId]));
      expect(Number(suite['@tests'])).toBe(steps.length);
      expect(Number(suite['@failures'])).toBe(steps.filter(({ s }) => s.outcome === 'FAIL').length);
      expect(Number(suite['@skipped'])).toBe(steps.filter(({ s }) => s.outcome === 'SKIPPED').length);
      cases.forEach((c, i) => {
        const { s } = steps[i]!;
        const kind = s.outcome === 'FAIL' ? 'failure' : s.outcome === 'ERROR' || s.outcome === 'ABORTED' ? 'error' : s.outcome === 'SKIPPED' ? 'skipped' : null;
        for (const tag of ['failure', 'error', 'skipped']) expect(c[tag] !== undefined, `${s.stepId}: ${tag}`).toBe(tag === kind);
      });
    }
  });

  it("gives a failed step's cause and its measured values against their limits", () => {
    const record = [...records.values()].find((r) => r.serial === 'J-PULLOUT')!;
    expect(record.outcome).toBe('FAIL');
    const failed = record.poles.flatMap((p) => p.steps.map((s) => ({ pole: p.pole, s }))).find(({ s }) => s.outcome === 'FAIL')!;
    const peak = failed.s.attempts.at(-1)!.measurements.find((m) => m.name === 'peak-force')!;
    const doc = parse(xml);
    const suite = list(doc.testsuites.testsuite).find((s) => s['@id'] === record.runId)!;
    const testcase = list(suite.testcase).find((c) => c['@classname'] === `J-PULLOUT.pole${failed.pole}` && c['@name'] === failed.s.stepId)!;
    const failure = testcase.failure as Node;
    expect(failure['@message']).toBe(failed.s.cause);
    expect(String(failure['#'])).toContain(`peak-force = ${peak.value} N (low ${peak.limits.low}`);
    expect(String(failure['#'])).toContain(' FAIL');
  });
});
