import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../host/results/report/index.js';
import { runBuiltinPlan } from '../../runner/fixtures/builtin-plan-runs.js';
import { systemTool } from '../../support/system-tool.js';
import { handMadeRecord } from './fixtures/hand-made-record.js';

// The written report file opened in headless Chromium (Debian package `chromium`): the page loads
// nothing but itself, every plot is drawn with its curve and axis titles, and the page fits A4 when
// printed. Screenshots go to test/artifacts/report-*.png for a person to look at.

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const META = { runId: '3f2b6c1e-0d9a-4e7b-9c51-2a8f1e6d7b40', complete: true };
// A4 (210 mm) less the print stylesheet's 12 mm side margins, at the CSS 96 px per inch.
const A4_PRINTABLE_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

interface PlotFacts {
  kind: string;
  visible: boolean;
  widthPx: number;
  heightPx: number;
  /** Points of the longest path (the force curve): its move and line commands. */
  curvePoints: number;
  texts: string[];
}

interface Opened {
  page: Page;
  /** Every request other than the report file itself (none may happen). */
  otherRequests: string[];
  errors: string[];
}

// Checked by running the very file the test launches, so a chromium elsewhere on PATH does not count.
const chromiumTool = systemTool(CHROMIUM_PATH, 'chromium');

describe.runIf(chromiumTool.available)('the report in headless Chromium', () => {
  let browser: Browser;
  const reportPaths = { pullout: `${artifacts}report-pullout-pole-3.html`, handMade: `${artifacts}report-hand-made.html` };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const [record] = await Promise.all([runBuiltinPlan('production-qc', 'pullout-pole-3'), writeReport(handMadeRecord(), META, reportPaths.handMade)]);
    await writeReport(record, META, reportPaths.pullout);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(filePath: string, viewport = { width: 1000, height: 1400 }): Promise<Opened> {
    const page = await browser.newPage({ viewport });
    const url = pathToFileURL(filePath).href;
    const otherRequests: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      otherRequests.push(route.request().url());
      return route.abort();
    });
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, otherRequests, errors };
  }

  function plotFacts(page: Page): Promise<PlotFacts[]> {
    return page.$$eval('figure.plot', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const style = getComputedStyle(svg);
        const pointsOf = (d: string): number => (d.match(/[ML]/g) ?? []).length;
        const curvePoints = Math.max(0, ...[...svg.querySelectorAll('path')].map((p) => pointsOf(p.getAttribute('d') ?? '')));
        return {
          kind: figure.getAttribute('data-plot') ?? '',
          visible: style.visibility === 'visible' && style.display !== 'none' && box.width > 0 && box.height > 0,
          widthPx: Math.round(box.width),
          heightPx: Math.round(box.height),
          curvePoints,
          texts: [...svg.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        };
      }),
    );
  }

  it('pull-out on pole 3: loads nothing else, draws six plots with their curves, axis titles and the 45 N target; screenshot', async () => {
    const { page, otherRequests, errors } = await open(reportPaths.pullout);
    try {
      expect(otherRequests).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.title()).toBe('SIM-pullout-pole-3 — FAIL — production-qc — clampbench test report');
      const plots = await plotFacts(page);
      expect(plots.map((p) => p.kind)).toEqual(Array(3).fill(['force-displacement', 'force-time']).flat());
      for (const plot of plots) {
        expect(plot.visible).toBe(true);
        // Two plots side by side in the page's 210 mm column: each about 330 px wide, a bit less high.
        expect(plot.widthPx).toBeGreaterThan(250);
        expect(plot.heightPx).toBeGreaterThan(150);
        // Poles 1 and 2 held (233 samples each), pole 3 let go early (70); every sample is a point.
        expect(plot.curvePoints).toBeGreaterThanOrEqual(60);
        expect(plot.texts).toContain('Force (N)');
        expect(plot.texts).toContain(plot.kind === 'force-time' ? 'Time since pull start (s)' : 'Displacement (mm)');
        expect(plot.texts).toContain('target 45 N');
      }
      expect(await page.locator('section.banner .banner-word').textContent()).toBe('FAIL');
      expect(await page.locator('#pole-3 h3 .badge').textContent()).toBe('FAIL');
      await page.screenshot({ path: `${artifacts}report-pullout-pole-3.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('pull-out on pole 3, printed: fits the width of A4 with the plots still side by side; print screenshot and PDF', async () => {
    const { page } = await open(reportPaths.pullout, { width: A4_PRINTABLE_WIDTH_PX, height: 1000 });
    try {
      await page.emulateMedia({ media: 'print' });
      const overflowPx = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflowPx).toBe(0);
      const plots = await plotFacts(page);
      expect(plots).toHaveLength(6);
      for (const plot of plots) expect(plot.widthPx).toBeLessThan(A4_PRINTABLE_WIDTH_PX / 2);
      await page.screenshot({ path: `${artifacts}report-pullout-pole-3-print.png`, fullPage: true });
      const pdf = await page.pdf({ path: `${artifacts}report-pullout-pole-3.pdf`, format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.close();
    }
  });

  it('hand-made record (retest, MARGINAL, alarm, error): two curves in the retested pull, one in the stalled one; screenshot', async () => {
    const { page, otherRequests, errors } = await open(reportPaths.handMade);
    try {
      expect(otherRequests).toEqual([]);
      expect(errors).toEqual([]);
      const plots = await plotFacts(page);
      expect(plots.map((p) => [p.kind, p.visible])).toEqual([
        ['force-displacement', true],
        ['force-time', true],
        ['force-displacement', true],
        ['force-time', true],
      ]);
      // Pole 1's two attempts have a legend; pole 2's single stalled pull has none.
      expect(plots[0]!.texts).toEqual(expect.arrayContaining(['attempt 1', 'attempt 2']));
      expect(plots[2]!.texts).not.toContain('attempt 1');
      expect(await page.locator('.badge-marginal').count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${artifacts}report-hand-made.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});
