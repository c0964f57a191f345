import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../host/results/report/html.js';
import { renderReport } from '../../../host/results/report/index.js';
import type { TestRecord } from '../../../host/runner/test-record.js';
import { handMadeRecord } from './fixtures/hand-made-record.js';
import { banner, plotKinds, poleSection } from './fixtures/report-html.js';

// The report of a hand-made record (test/results/report/fixtures/hand-made-record.ts): what a
// production-qc run on the simulator never shows (retest, MARGINAL, alarm, rig error, lost samples,
// teardown problem, ERROR outcome) and text that must never become markup.

const META = { runId: '0f6c1c2e-5b9e-4d7a-8a51-2a8f1e6d7b40', complete: true };

const HOSTILE = '<script>alert(1)</script>';
const HOSTILE_ATTRIBUTE = '"><img src=x onerror=alert(2)>';

/** Every free text of the record replaced by markup that would run if it were not escaped. */
function hostileRecord(): TestRecord {
  const record = handMadeRecord();
  const text = (s: string): string => `${s} ${HOSTILE}`;
  record.serial = HOSTILE;
  record.operator = text('op');
  record.station = text('station');
  record.plan = { ...record.plan, name: text('plan'), description: text('purpose'), hash: HOSTILE_ATTRIBUTE };
  record.dut = { ...record.dut, partNumber: text('part'), description: text('dut') };
  record.conductor = { ...record.conductor, id: text('conductor-id'), text: text('conductor') };
  record.rig = { ...record.rig, id: text('rig'), firmwareVersion: text('fw'), protocol: text('proto'), where: text('where') };
  record.startedAt = text('run-start');
  record.cause = text('first-cause');
  record.teardownErrors = [text('teardown')];
  record.files = { plan: text('plan-file'), dut: text('dut-file') };
  for (const s of [...record.unitSteps, ...record.poles.flatMap((p) => p.steps)]) {
    s.stepId = text('step-id');
    s.title = text('title');
    s.cause = text('step-cause');
    for (const a of s.attempts) {
      a.startedAt = text('attempt-start');
      a.cause = text('attempt-cause');
      a.pullResult = a.pullResult && text('result');
      a.error = text('error');
      a.alarms = [{ code: 9, name: text('alarm'), text: text('alarm-text') }];
      for (const v of a.poleVerdicts ?? []) v.causes = [text('pole-cause')];
      for (const m of a.measurements) {
        m.name = text('name');
        m.unit = text('unit');
        m.cause = text('m-cause');
        m.limits = { ...m.limits, source: text('source') };
      }
    }
  }
  return record;
}

describe('renderReport on a hand-made record', () => {
  it('shows every text from the record as text: a <script> serial and an attribute break-out never become markup', async () => {
    const page = await renderReport(hostileRecord(), { runId: HOSTILE, complete: true });
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain(`<h1>Unit <span class="serial">${escapeHtml(HOSTILE)}</span></h1>`);
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain(`title="${escapeHtml(HOSTILE_ATTRIBUTE)}"`);
    // Every text above lands in the page, escaped (no label is the end of another, so each is found on its own).
    for (const label of ['op', 'station', 'plan', 'purpose', 'part', 'dut', 'conductor-id', 'conductor', 'rig', 'fw', 'proto', 'where', 'run-start', 'attempt-start', 'first-cause', 'teardown', 'plan-file', 'dut-file', 'step-id', 'title', 'step-cause', 'attempt-cause', 'result', 'error', 'alarm', 'alarm-text', 'pole-cause', 'name', 'unit', 'm-cause', 'source']) {
      expect(page, label).toContain(`${label} ${escapeHtml(HOSTILE)}`);
    }
  });

  it('a run that did not finish gets the INCOMPLETE banner, never a verdict', async () => {
    const page = await renderReport(handMadeRecord(), { ...META, complete: false });
    expect(banner(page)).toContain('<section class="banner banner-incomplete" role="status">');
    expect(banner(page)).toContain('<div class="banner-word">INCOMPLETE — run interrupted</div>');
    expect(banner(page)).toContain('Outcome recorded so far: <strong>ERROR</strong>.');
    expect(page).toContain('<title>HM-0042 — INCOMPLETE — bench-check — clampbench test report</title>');
  });

  it('banner: the outcome word in its colour and the first cause', async () => {
    const page = await renderReport(handMadeRecord(), META);
    expect(banner(page)).toContain('<section class="banner banner-error" role="status">\n<div class="banner-word">ERROR</div>');
    expect(banner(page)).toContain('<p class="banner-cause"><span class="label">First cause</span> pole 2 Pull-out: motor stalled (ALARM:4 STALL)</p>');
    const pass = await renderReport({ ...handMadeRecord(), outcome: 'PASS', cause: undefined }, META);
    expect(banner(pass)).toContain('<div class="banner-word">PASS</div>');
    expect(banner(pass)).toContain('Every step passed. <span class="banner-marginal">1 measurement is MARGINAL (within limits, close to one).</span>');
    expect(banner(pass)).not.toContain('First cause');
  });

  it('header: identity of unit, plan (short hash), rig, calibration date, operator, station and times', async () => {
    const page = await renderReport(handMadeRecord(), META);
    for (const fact of [
      '<dt>Serial</dt><dd><strong>HM-0042</strong></dd>',
      '<dt>Part number</dt><dd>TEST-2</dd>',
      '<dt>Conductor</dt><dd>2.5 mm² solid conductor (14 AWG) <span class="step-id">2.5mm2-solid</span></dd>',
      '<dt>Plan</dt><dd><strong>bench-check</strong> <code title="ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12">ab12cd34ef56</code></dd>',
      '<dt>Options</dt><dd>runs every step; up to 1 retests</dd>',
      '<dt>Firmware</dt><dd>0.1.0</dd>',
      '<dt>Protocol</dt><dd>1.0</dd>',
      '<dt>Calibrated</dt><dd>2025-02-14</dd>',
      '<dt>Run ID</dt><dd><code>0f6c1c2e-5b9e-4d7a-8a51-2a8f1e6d7b40</code></dd>',
      '<dt>Operator</dt><dd>A. Técnico</dd>',
      '<dt>Station</dt><dd>line 2 / bench 3</dd>',
      '<dt>Started</dt><dd>2025-03-01 09:12:44 UTC+01:00</dd>',
      '<dt>Ended</dt><dd>2025-03-01 09:13:52 UTC+01:00</dd>',
      '<dt>Duration</dt><dd>1 min 09 s</dd>',
    ]) {
      expect(page).toContain(fact);
    }
    const uncalibrated = await renderReport({ ...handMadeRecord(), rig: { ...handMadeRecord().rig, calDate: 0 }, operator: null }, META);
    expect(uncalibrated).toContain('<dt>Calibrated</dt><dd><span class="flag">never calibrated</span></dd>');
    expect(uncalibrated).toContain('<dt>Operator</dt><dd><span class="missing">not recorded</span></dd>');
  });

  it('MARGINAL stands apart from PASS: its own badge and row, the step PASS marked marginal', async () => {
    const pole1 = poleSection(await renderReport(handMadeRecord(), META), 1);
    expect(pole1).toContain('<tr class="measurement verdict-row-marginal">');
    expect(pole1).toContain('<td class="verdict"><span class="badge badge-marginal">MARGINAL</span></td>');
    expect(pole1).toContain('<span class="badge badge-pass">PASS</span> <span class="badge badge-marginal">MARGINAL</span>');
    expect(pole1).toContain('voltage drop 3.05 mV within 10 % of its limit');
  });

  it('a retest keeps every attempt: the first superseded with its FAIL and cause, the last deciding; both curves in one plot', async () => {
    const pole1 = poleSection(await renderReport(handMadeRecord(), META), 1);
    expect(pole1).toContain('Attempt 1 of 2 · started 09:12:50 · 1.2 s · superseded by the retest</td>\n<td class="verdict"><span class="badge badge-fail">FAIL</span></td>\n<td class="cause">slip 0.612 mm during hold &gt; 0.5 mm</td>');
    expect(pole1).toContain('Attempt 2 of 2 · started 09:13:10 · 1.2 s · decides the step');
    expect(pole1).toContain('<td class="num value">0.612</td>');
    expect(pole1).toContain('<td class="num value">0.02</td>');
    expect(plotKinds(pole1)).toEqual(['force-displacement', 'force-time']);
    // Two attempts: one line each, told apart by a legend.
    expect(pole1.match(/>attempt [12]<\/text>/g)?.sort()).toEqual(['>attempt 1</text>', '>attempt 1</text>', '>attempt 2</text>', '>attempt 2</text>']);
  });

  it('alarms, rig errors, lost samples and teardown errors are listed where they happened', async () => {
    const page = await renderReport(handMadeRecord(), META);
    const incidents = page.slice(page.indexOf('<section class="incidents">'));
    expect(incidents).toContain('<li class="incident-alarm"><span class="where">pole 2 · Pull-out <code>pull</code> · attempt 1</span> <strong>ALARM 4 STALL</strong>: motor stalled</li>');
    expect(incidents).toContain('<li class="incident-error"><span class="where">pole 2 · Pull-out <code>pull</code> · attempt 1</span> <strong>rig or link error</strong>: link: no answer to PULL within 5000 ms</li>');
    expect(incidents).toContain('<li class="incident-data"><span class="where">pole 1 · Pull-out <code>pull</code> · attempt 2</span> <strong>3 pull samples lost</strong>');
    expect(incidents).toContain('<li class="incident-teardown"><span class="where">teardown</span> <strong>rig not made safe cleanly</strong>: relay board did not confirm all relays open</li>');
    expect(poleSection(page, 2)).toContain('<span class="flag">ALARM 4 STALL: motor stalled</span> · <span class="flag">rig or link error: link: no answer to PULL within 5000 ms</span>');
  });

  it('numbers each limit source once and points at it from every measurement that uses it', async () => {
    const page = await renderReport(handMadeRecord(), META);
    expect(page).toContain('<li id="basis-1" value="1">straight-through wiring</li>');
    expect(page).toContain('<li id="basis-2" value="2">IEC 60947-7-1: ≤ 3.2 mV</li>');
    expect(page).toContain('<li id="basis-3" value="3">IEC 60999-1 pull-out table, 2.5 mm²: 50 N</li>');
    expect(page).toContain('<li id="basis-4" value="4">plan slip limit</li>');
    expect(page.match(/href="#basis-3"/g)).toHaveLength(2);
  });

  it('the same record gives the same page, byte for byte', async () => {
    expect(await renderReport(handMadeRecord(), META)).toBe(await renderReport(handMadeRecord(), META));
  });
});
