import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRecord } from '../../host/runner/test-record.js';
import { systemTool } from '../support/system-tool.js';
import { startPanel, type PanelProcess } from './support/panel-process.js';

// The operator panel as an operator uses it: `clampbench panel` on the simulated rig (the real
// firmware in avr8js), the page in headless Chromium (Debian package chromium) at the 1366×768 of
// a line's touch screen. The serial is typed as a scanner types it (characters, then Enter), the
// load prompt is answered in its dialog, and what the page shows is checked against the scenario's
// truth and against the run's own record. Screenshots go to test/artifacts/panel-*.png.

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const scenarios = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/', import.meta.url));
const TOUCH_SCREEN = { width: 1366, height: 768 };
/** Contact resistance per pole of the good scenario (good-831-1104-10mm2.yaml), mΩ. */
const GOOD_RESISTANCE_MILLIOHM = [0.3, 0.285, 0.318, 0.294];
/** ADC count at 5.7 A is 0.0019 mΩ; the simulator's noise adds about as much again. */
const RESISTANCE_TOLERANCE_MILLIOHM = 0.005;
/** production-qc pulls to 50 % of the IEC 60999-1 90 N. */
const TARGET_N = 45;

const chromiumTool = systemTool(CHROMIUM_PATH, 'chromium');

/** The panel's page at the touch screen's size, with every console error and request that left the panel collected. */
async function openPage(browser: Browser, panel: PanelProcess): Promise<{ page: Page; errors: string[]; foreign: string[] }> {
  const page = await browser.newPage({ viewport: TOUCH_SCREEN, hasTouch: true });
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(panel.url).origin;
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => void errors.push(e.message));
  page.on('request', (r) => void (new URL(r.url()).origin !== origin && foreign.push(r.url())));
  await page.goto(panel.url);
  await page.waitForSelector('#link[data-state="live"]');
  return { page, errors, foreign };
}

/** Scan a serial: characters typed into the focused field, then Enter (a scanner in keyboard mode). */
async function scan(page: Page, serial: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('serial');
  await page.keyboard.type(serial);
  await page.keyboard.press('Enter');
}

async function answerLoadPrompt(page: Page, serial: string): Promise<void> {
  await page.waitForSelector('#prompt', { state: 'visible' });
  expect(await page.locator('#prompt-where').textContent()).toBe(`rig · ${serial}`);
  expect(await page.locator('#prompt-text').textContent()).toBe('load 831-1104/322-004 with a 10 mm² fine-stranded conductor, stripped 11–13 mm, in each of poles 1–4; close the guard');
  // Not optional: no skip offered.
  expect(await page.locator('#prompt-skip').isHidden()).toBe(true);
  await page.locator('#prompt-ok').tap();
  await page.waitForSelector('#prompt', { state: 'hidden' });
}

const lampStatuses = (page: Page): Promise<string[]> => page.$$eval('.lane .lamp', (lamps) => lamps.map((l) => `${l.getAttribute('data-pole')}:${l.getAttribute('data-status')}`));

/** A cell of the per-pole table: the value shown, as a number, and its verdict. */
async function cell(page: Page, measurement: string, pole: number): Promise<{ value: number; verdict: string }> {
  const td = page.locator(`.values tr[data-measurement="${measurement}"] td[data-pole="${pole}"]`).first();
  return { value: Number.parseFloat((await td.textContent()) ?? ''), verdict: (await td.getAttribute('data-verdict')) ?? '' };
}

function runRecord(panel: PanelProcess, serial: string): TestRecord {
  const dir = readdirSync(panel.results).find((d) => d.endsWith(`-${serial}`));
  if (!dir) throw new Error(`no run folder for ${serial} in ${panel.results}`);
  return JSON.parse(readFileSync(join(panel.results, dir, 'run.json'), 'utf8')) as TestRecord;
}

describe.runIf(chromiumTool.available)('the operator panel in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('a good unit at the rig\'s real pace', () => {
    let panel: PanelProcess;
    beforeAll(async () => {
      panel = await startPanel(['--realtime']);
    });
    afterAll(async () => {
      expect(await panel?.stop()).toBe(0);
    });

    it('scan, answer the prompt, watch the force curve grow during each pull, see PASS with every pole lit and its values; screenshot mid-pull', async () => {
      const { page, errors, foreign } = await openPage(browser, panel);
      try {
        // Fits the touch screen: the controls an operator needs are on screen without scrolling, and large enough to hit.
        for (const selector of ['#serial', '#start', '.lane .abort', '.lane .banner', '.lane .lamps', '.lane .plot']) {
          const box = (await page.locator(selector).boundingBox())!;
          expect(box.y + box.height, selector).toBeLessThanOrEqual(TOUCH_SCREEN.height);
          expect(box.x + box.width, selector).toBeLessThanOrEqual(TOUCH_SCREEN.width);
        }
        for (const selector of ['#serial', '#start', '.lane .abort']) expect((await page.locator(selector).boundingBox())!.height, selector).toBeGreaterThanOrEqual(48);

        await scan(page, 'U-PANEL-1');
        await answerLoadPrompt(page, 'U-PANEL-1');

        // Pole 1's pull: points arrive while it runs.
        const plot = page.locator('.lane .plot');
        await page.waitForFunction(() => {
          const el = document.querySelector<HTMLElement>('.lane .plot');
          return el?.dataset.curve?.startsWith('U-PANEL-1#1:pull-check:1:') && Number(el.dataset.points) >= 10;
        });
        const early = Number(await plot.getAttribute('data-points'));
        await page.waitForTimeout(400);
        const later = Number(await plot.getAttribute('data-points'));
        expect(later).toBeGreaterThan(early);
        expect(await plot.getAttribute('data-curve')).toMatch(/^U-PANEL-1#1:pull-check:1:/);
        expect(await page.locator('.lane .banner').getAttribute('data-outcome')).toBe('RUNNING');
        expect(await page.locator('.lane .lamp[data-pole="1"]').getAttribute('data-active')).toBe('true');
        expect(await page.locator('.lane .progress-text').textContent()).toBe('step 4/10: pole 1 Non-destructive pull');
        // A second into the pull (80 Hz): the ramp and the start of the hold on screen.
        await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.lane .plot')?.dataset.points) >= 80);
        expect(await plot.getAttribute('data-curve')).toMatch(/^U-PANEL-1#1:pull-check:1:/);
        await page.screenshot({ path: `${artifacts}panel-mid-pull.png` });

        await page.waitForSelector('.lane .banner[data-outcome="PASS"]', { timeout: 60_000 });
        await page.waitForSelector('#results tr .badge');
        await page.screenshot({ path: `${artifacts}panel-pass.png` });
        expect(await page.locator('.lane .banner-word').textContent()).toBe('PASS  U-PANEL-1');
        expect(await lampStatuses(page)).toEqual(['1:PASS', '2:PASS', '3:PASS', '4:PASS']);

        // The last pull's whole curve: up to the 45 N target, and a point per sample of the record.
        const record = runRecord(panel, 'U-PANEL-1');
        const lastPull = record.poles[3]!.steps.find((s) => s.stepId === 'pull-check')!.attempts.at(-1)!;
        expect(Number(await plot.getAttribute('data-points'))).toBe(lastPull.samples!.length);
        const peakN = Number(await plot.getAttribute('data-peak-n'));
        expect(peakN).toBe(Math.max(...lastPull.samples!.map((s) => s.forceN)));
        expect(peakN).toBeGreaterThanOrEqual(TARGET_N);
        expect(peakN).toBeLessThan(TARGET_N * 1.06);
        expect(await page.locator('.lane .plot-title').textContent()).toBe('pole 4: Non-destructive pull — target 45 N');

        // Per pole: the resistance shown is the scenario's within tolerance, and its verdict PASS.
        for (const [i, truth] of GOOD_RESISTANCE_MILLIOHM.entries()) {
          const shown = await cell(page, 'resistance', i + 1);
          expect(Math.abs(shown.value - truth), `pole ${i + 1}: ${shown.value} mΩ`).toBeLessThanOrEqual(RESISTANCE_TOLERANCE_MILLIOHM);
          const drop = await cell(page, 'drop', i + 1);
          expect(drop.verdict).toBe('PASS');
          expect(drop.value).toBeCloseTo(record.poles[i]!.steps[0]!.attempts[0]!.measurements.find((m) => m.name === 'drop')!.value!, 3);
        }
        expect(await page.locator('.values tr[data-measurement="drop"] .limit').textContent()).toBe('≤ 3.2 mV');

        // The result row links its report and CSV files.
        const row = page.locator('#results tr').first();
        expect(await row.locator('.badge').textContent()).toBe('PASS');
        const report = await page.request.get(new URL((await row.locator('a', { hasText: 'report' }).getAttribute('href'))!, panel.url).href);
        expect(report.status()).toBe(200);
        expect(await report.text()).toContain('<title>U-PANEL-1 — PASS — production-qc — clampbench test report</title>');
        const csv = await page.request.get(new URL((await row.locator('a', { hasText: 'values CSV' }).getAttribute('href'))!, panel.url).href);
        expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename=".*-U-PANEL-1-measurements.csv"$/);
        const dropRows = (await csv.text()).split('\r\n').filter((line) => line.includes(',continuity,1,drop,'));
        expect(dropRows).toHaveLength(4);
        const curves = await page.request.get(new URL((await row.locator('a', { hasText: 'curves CSV' }).getAttribute('href'))!, panel.url).href);
        expect((await curves.text()).split('\r\n').filter((line) => line.includes(',pull-check,')).length).toBe(record.poles.reduce((n, p) => n + p.steps[1]!.attempts[0]!.samples!.length, 0));

        expect(errors).toEqual([]);
        expect(foreign).toEqual([]);
        // The field is ready for the next scan.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('serial');
      } finally {
        await page.close();
      }
    });
  });

  describe('faulty units', () => {
    it('high contact resistance on pole 3: FAIL on pole 3 with its voltage drop (the scenario\'s 0.90 mΩ × the current shown), poles 1-2 PASS, pole 4 not run', async () => {
      const panel = await startPanel(['--scenario', join(scenarios, 'high-resistance-pole-3.yaml')]);
      const { page, errors } = await openPage(browser, panel);
      try {
        await scan(page, 'U-HIGH-R');
        await answerLoadPrompt(page, 'U-HIGH-R');
        await page.waitForSelector('.lane .banner[data-outcome="FAIL"]', { timeout: 60_000 });
        await page.waitForSelector('#results tr .badge');
        await page.screenshot({ path: `${artifacts}panel-fail-pole-3.png` });
        expect(await lampStatuses(page)).toEqual(['1:PASS', '2:PASS', '3:FAIL', '4:SKIPPED']);
        const cause = (await page.locator('.lane .lamp[data-pole="3"] .lamp-cause').textContent()) ?? '';
        expect(cause).toMatch(/^voltage drop \d\.\d\d mV > 3\.2 mV \(IEC 60947-7-1\)$/);
        const drop = await cell(page, 'drop', 3);
        const current = await cell(page, 'current', 3);
        expect(drop.verdict).toBe('FAIL');
        expect(Math.abs(drop.value - 0.9 * current.value)).toBeLessThanOrEqual(0.05);
        expect(await page.locator('.lane .banner-cause').textContent()).toBe(`pole 3 Voltage drop (continuity): ${cause}`);
        const row = page.locator('#results tr').first();
        expect(await row.locator('.badge').textContent()).toBe('FAIL');
        expect(await row.locator('td.cause').textContent()).toBe(`pole 3 Voltage drop (continuity): ${cause} · poles 3`);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        expect(await panel.stop()).toBe(0);
      }
    });

    it('poles 1 and 2 swapped: FAIL on poles 1 and 2 from the wiring map, poles 3-4 clean; abort from the prompt ends the next unit ABORTED', async () => {
      const panel = await startPanel(['--scenario', join(scenarios, 'swap-1-2.yaml')]);
      const { page, errors } = await openPage(browser, panel);
      try {
        await scan(page, 'U-SWAP');
        await answerLoadPrompt(page, 'U-SWAP');
        await page.waitForSelector('.lane .banner[data-outcome="FAIL"]', { timeout: 60_000 });
        const statuses = await lampStatuses(page);
        expect(statuses).toHaveLength(4);
        expect(statuses.slice(0, 2)).toEqual(['1:FAIL', '2:FAIL']);
        expect(statuses.slice(2).every((s) => !s.endsWith('FAIL'))).toBe(true);
        expect(await page.locator('.lane .lamp[data-pole="1"] .lamp-cause').textContent()).toBe('pole 1 reaches terminal 2 (miswired)');
        expect(await page.locator('.lane .lamp[data-pole="2"] .lamp-cause').textContent()).toBe('pole 2 reaches terminal 1 (miswired)');
        expect((await cell(page, 'far-end-terminal', 1)).value).toBe(2);
        expect((await cell(page, 'far-end-terminal', 2)).value).toBe(1);

        await scan(page, 'U-ABORTED');
        await page.waitForSelector('#prompt', { state: 'visible' });
        await page.locator('#prompt-abort').tap();
        await page.waitForSelector('.lane .banner[data-outcome="ABORTED"]');
        expect(await page.locator('.lane .banner-cause').textContent()).toBe('Load the unit: aborted by the operator');
        // The result row comes with the station's unit-finished, after the run's outputs are written.
        await expect.poll(() => page.locator('#results tr').first().locator('.badge').textContent(), { timeout: 30_000 }).toBe('ABORTED');
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        expect(await panel.stop()).toBe(0);
      }
    });
  });

  describe('a station of two rigs (--config)', () => {
    it('one card per rig; units go to the free rig; an E-stop on B ends its unit and keeps B out until Reset alarm, while A passes its unit', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'clampbench-panel-station-'));
      const estop = fileURLToPath(new URL('../fixtures/scenarios/estop-station-rig.yaml', import.meta.url));
      const file = join(dir, 'station.yaml');
      writeFileSync(
        file,
        ['station: line-7', 'plan: production-qc', 'dut: 831-1104/322-004', 'conductor: 10mm2-fine', `results: ${dir}/results`, 'rigs:', '  - { name: A, port: sim }', `  - { name: B, port: "sim:${estop}" }`].join('\n'),
      );
      const panel = await startPanel(['--config', file]);
      const { page, errors } = await openPage(browser, panel);
      try {
        expect(await page.$$eval('.lane', (lanes) => lanes.map((l) => l.getAttribute('data-rig')))).toEqual(['A', 'B']);
        expect(await page.locator('#station').textContent()).toBe('line-7');
        await scan(page, 'U-ON-A');
        await page.locator('#prompt-ok').tap(); // A's load prompt
        await scan(page, 'U-ON-B');
        // B's E-stop is pressed 2 s of its simulated time after power-on: mid-unit (ABORTED), or before
        // the unit started, when the run is refused with the alarm latched (ERROR). Both take B out.
        const laneB = page.locator('.lane[data-rig="B"]');
        const laneA = page.locator('.lane[data-rig="A"]');
        const endedB = async (): Promise<boolean> => ['ABORTED', 'ERROR'].includes((await laneB.locator('.banner').getAttribute('data-outcome')) ?? '');
        for (let i = 0; i < 300 && !(await endedB()); i++) {
          if (await page.locator('#prompt').isVisible()) await page.locator('#prompt-ok').tap();
          await page.waitForTimeout(100);
        }
        expect(await endedB()).toBe(true);
        expect(await laneB.locator('.banner-cause').textContent()).toMatch(/E-stop pressed|ALARM:1 ESTOP \(E-stop pressed\)/);
        await laneB.locator('.reset:not([hidden])').waitFor();
        expect(await laneB.locator('.rig-state').getAttribute('data-state')).toBe('down');
        await laneA.locator('.banner[data-outcome="PASS"]').waitFor({ timeout: 60_000 });
        await page.screenshot({ path: `${artifacts}panel-station-estop.png`, fullPage: true });

        // The E-stop is released 1 s after it was pressed (the scenario); then the reset takes.
        await laneB.locator('.reset').tap();
        await expect.poll(() => laneB.locator('.rig-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('free');
        // A unit's result row comes with the station's unit-finished, once its report and history are written.
        const resultRows = (): Promise<string[][]> => page.$$eval('#results tr', (trs) => trs.map((r) => [...r.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent ?? '')).sort());
        await expect.poll(async () => (await resultRows()).length, { timeout: 30_000 }).toBe(2);
        const rows = await resultRows();
        expect(rows[0]).toEqual(['U-ON-A', 'A', 'PASS']);
        expect(rows[1]!.slice(0, 2)).toEqual(['U-ON-B', 'B']);
        expect(['ABORTED', 'ERROR']).toContain(rows[1]![2]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        expect(await panel.stop()).toBe(0);
      }
    });
  });
});
