import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../host/results/report/html.js';
import { renderReport } from '../../../host/results/report/index.js';
import type { TestRecord } from '../../../host/runner/test-record.js';
import { runBuiltinPlan, step } from '../../runner/fixtures/builtin-plan-runs.js';
import { banner, externalReferences, plotKinds, poleSection } from './fixtures/report-html.js';

// Reports of real records: the built-in production-qc plan run through the real firmware in the
// simulator (fast mode), on a good unit and on one whose pole 3 lets go at 40 N under the 45 N pull
// (rigs/uno-pull/sim/scenarios/pullout-pole-3.yaml). production-qc stops on that FAIL, so pole 4 is
// SKIPPED and has no curve. Each scenario runs once for the whole file (a run takes seconds).

const META = { runId: '3f2b6c1e-0d9a-4e7b-9c51-2a8f1e6d7b40', complete: true };
const BOTH_PLOTS = ['force-displacement', 'force-time'];

interface Rendered {
  record: TestRecord;
  page: string;
}

let good: Rendered;
let pullout: Rendered;

beforeAll(async () => {
  const render = async (scenario: string): Promise<Rendered> => {
    const record = await runBuiltinPlan('production-qc', scenario);
    return { record, page: await renderReport(record, META) };
  };
  [good, pullout] = await Promise.all([render('good-831-1104-10mm2'), render('pullout-pole-3')]);
}, 120_000);

describe('renderReport on production-qc runs in the simulator', () => {
  it('good unit: PASS banner, the serial, every pole PASS with both force plots', () => {
    const { page } = good;
    expect(good.record.outcome).toBe('PASS');
    expect(banner(page)).toContain('<section class="banner banner-pass" role="status">\n<div class="banner-word">PASS</div>');
    expect(page).toContain('<h1>Unit <span class="serial">SIM-good-831-1104-10mm2</span></h1>');
    for (const pole of [1, 2, 3, 4]) {
      expect(poleSection(page, pole)).toContain(`<h3>Pole ${pole} <span class="badge badge-pass">PASS</span></h3>`);
      expect(plotKinds(poleSection(page, pole))).toEqual(BOTH_PLOTS);
    }
    expect(plotKinds(page)).toHaveLength(8);
  });

  it('pull-out on pole 3: FAIL banner with the first cause, FAIL on pole 3 with its cause and peak force, pole 4 SKIPPED', () => {
    const { record, page } = pullout;
    expect(record.outcome).toBe('FAIL');
    const pull3 = step(record, 'pull-check', 3);
    // The clamp lets go at 40 N; the peak is the last 80 Hz reading before, up to 12.5 ms × 100 N/s lower.
    expect(pull3.cause).toMatch(/^pull-out at (38\.[89]|39\.\d|40\.\d) N \(< 45 N, /);
    expect(banner(page)).toContain('<section class="banner banner-fail" role="status">\n<div class="banner-word">FAIL</div>');
    expect(banner(page)).toContain(`<span class="label">First cause</span> ${escapeHtml(record.cause!)}</p>`);
    expect(record.cause).toBe(`pole 3 Non-destructive pull: ${pull3.cause}`);

    const pole3 = poleSection(page, 3);
    expect(pole3).toContain('<h3>Pole 3 <span class="badge badge-fail">FAIL</span></h3>');
    expect(pole3).toMatch(/<td class="verdict"><span class="badge badge-fail">FAIL<\/span><\/td>\n<td class="cause cause-flagged">pull-out at (38\.[89]|39\.\d|40\.\d) N \(&lt; 45 N, /);
    const peak = pull3.attempts[0]!.measurements.find((m) => m.name === 'peak-force')!;
    // The value with its U (k = 2), the budget in the tooltip; a plain fail (beyond the limit by more than U) has no statement.
    expect(peak.decision).toBe('fail');
    const u = Number(peak.uncertainty!.expanded.toPrecision(2));
    expect(pole3).toMatch(new RegExp(`<td class="num value">${peak.value}<span class="uncertainty" title="U \\(k = 2\\) from:\\n[^"]*ISO 7500-1 class 1[^"]*"> ± ${u}</span></td>\\n<td class="unit">N</td>`));
    expect(pole3).toContain(` ± ${u}</span></td>\n<td class="unit">N</td>\n<td class="num">45</td>\n<td class="num">—</td>\n<td class="verdict"><span class="badge badge-fail">FAIL</span></td>`);
    expect(pole3).toContain('pull result: <strong>pullout</strong>');

    expect(poleSection(page, 1)).toContain('<h3>Pole 1 <span class="badge badge-pass">PASS</span></h3>');
    expect(poleSection(page, 2)).toContain('<h3>Pole 2 <span class="badge badge-pass">PASS</span></h3>');
    const pole4 = poleSection(page, 4);
    expect(pole4).toContain('<h3>Pole 4 <span class="badge badge-skipped">SKIPPED</span></h3>');
    expect(pole4.match(/not run: stopped on the first FAIL/g)).toHaveLength(2);
  });

  it('pull-out on pole 3: two plots on each pole that pulled (1, 2 and 3), none on the skipped pole 4, target 45 N drawn', () => {
    const { page } = pullout;
    for (const pole of [1, 2, 3]) expect(plotKinds(poleSection(page, pole))).toEqual(BOTH_PLOTS);
    expect(plotKinds(poleSection(page, 4))).toEqual([]);
    expect(plotKinds(page)).toHaveLength(6);
    expect(page.match(/<svg /g)).toHaveLength(6);
    expect(page.match(/>target 45 N<\/text>/g)).toHaveLength(6);
    expect(page.match(/>Force \(N\)<\/text>/g)).toHaveLength(6);
    expect(page.match(/>Displacement \(mm\)<\/text>/g)).toHaveLength(3);
    expect(page.match(/>Time since pull start \(s\)<\/text>/g)).toHaveLength(3);
  });

  it('pull-out on pole 3: the isolation step in its own table, with a per-pole wiring map', () => {
    const { page } = pullout;
    const unitSteps = page.slice(page.indexOf('<section class="unit-steps">'), page.indexOf('<section class="poles">'));
    expect(unitSteps).toContain('Isolation and wiring map <span class="step-id">isolation · isolation</span>');
    expect(unitSteps).toContain('<caption>Isolation and wiring map — per pole</caption>');
    for (const pole of [1, 2, 3, 4]) {
      expect(unitSteps).toContain(`<tr><th scope="row" class="num">${pole}</th><td class="num map-cell verdict-cell-pass">${pole} <span class="expected">= ${pole}</span></td><td class="num map-cell verdict-cell-pass">0 <span class="expected">≤ 0</span></td><td class="verdict"><span class="badge badge-pass">PASS</span></td>`);
    }
  });

  it('reports are self-contained: no script, stylesheet link, image, CSS url() or http(s) reference', () => {
    for (const { page } of [good, pullout]) {
      expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
      expect(externalReferences(page)).toEqual([]);
      expect(page.match(/<style>/g)).toHaveLength(1);
    }
  });
});
