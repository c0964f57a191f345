// The operator panel's cost: production-qc on one simulated rig (fast mode, worker thread), units
// started and their prompts answered over HTTP by a scripted page that also reads the event stream,
// against the same station with its prompts confirmed in process and no page. Figures: units per
// hour both ways, and what the event stream carries per unit. (Process CPU is not given: the
// simulator's thread makes up almost all of it.)
// Run alone: `node --import tsx test/bench/panel.ts` prints its own table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPanel } from '../../host/panel/open-panel.js';
import type { PanelMessage } from '../../host/panel/panel-messages.js';
import { openStation } from '../../host/station/open-station.js';
import { StationConfig } from '../../host/station/station-config.js';
import { figure, formatTable, type Figure } from './table.js';
import { defaultRigSimulators } from '../../host/simulators/default-simulators.js';

const UNITS = 4;
/** A first unit not counted, both ways: it pays for loading the report's plotting and warming the JIT. */
const WARM_UP_UNITS = 1;

function config(dir: string, name: string): StationConfig {
  return StationConfig.parse({ station: name, plan: 'production-qc', dut: '831-1104/322-004', conductor: '10mm2-fine', results: join(dir, name), rigs: [{ name: 'rig', port: 'sim' }] });
}

/** A page without a browser: reads /events, answers every prompt it is shown, counts what came. */
async function scriptedPage(base: string, onFinished: () => void): Promise<{ bytes: () => number; messages: () => number; close: () => void }> {
  const abort = new AbortController();
  const response = await fetch(new URL('events', base), { signal: abort.signal });
  let bytes = 0;
  let messages = 0;
  let buffer = '';
  let results = 0;
  const answered = new Set<string>();
  const post = (path: string, body: unknown): Promise<Response> => fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        messages++;
        const message = JSON.parse(frame.slice(6)) as PanelMessage;
        const prompt = message.type === 'lane' ? message.lane.prompt : null;
        if (prompt && !answered.has(prompt.id)) {
          answered.add(prompt.id);
          void post('api/answer', { promptId: prompt.id, answer: 'ok' });
        }
        if (message.type === 'results' && message.results.length > results) {
          results = message.results.length;
          onFinished();
        }
      }
    }
  })().catch(() => undefined);
  return { bytes: () => bytes, messages: () => messages, close: () => abort.abort() };
}

async function throughPanel(dir: string): Promise<{ wallS: number; bytes: number; messages: number }> {
  const panel = await openPanel(config(dir, 'panel'), { host: '127.0.0.1', port: 0 }, () => undefined, defaultRigSimulators);
  const base = `http://127.0.0.1:${panel.server.address.port}/`;
  let finished = 0;
  let next: () => void = () => undefined;
  const page = await scriptedPage(base, () => {
    finished++;
    next();
  });
  const unit = async (i: number): Promise<void> => {
    const done = new Promise<void>((resolve) => (next = resolve));
    await fetch(new URL('api/start', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serial: `PANEL-${i}` }) });
    await done;
  };
  for (let i = 1; i <= WARM_UP_UNITS; i++) await unit(-i);
  const bytes0 = page.bytes();
  const messages0 = page.messages();
  const t0 = performance.now();
  for (let i = 1; i <= UNITS; i++) await unit(i);
  const wallS = (performance.now() - t0) / 1000;
  page.close();
  await panel.close('bench over');
  if (finished !== UNITS + WARM_UP_UNITS) throw new Error(`${finished} of ${UNITS + WARM_UP_UNITS} units finished`);
  return { wallS, bytes: page.bytes() - bytes0, messages: page.messages() - messages0 };
}

async function stationAlone(dir: string): Promise<{ wallS: number }> {
  const { station, slots } = await openStation(config(dir, 'station'), () => undefined, () => undefined, { simulators: defaultRigSimulators });
  // One at a time, as the panel's operator starts them.
  const unit = async (i: number): Promise<void> => {
    station.submit(`STATION-${i}`);
    await station.finish();
  };
  for (let i = 1; i <= WARM_UP_UNITS; i++) await unit(-i);
  const t0 = performance.now();
  for (let i = 1; i <= UNITS; i++) await unit(i);
  const wallS = (performance.now() - t0) / 1000;
  await Promise.allSettled(slots.map((s) => s.close()));
  return { wallS };
}

export async function panelFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clampbench-bench-panel-'));
  try {
    const alone = await stationAlone(dir);
    const panel = await throughPanel(dir);
    const how = `production-qc, ${UNITS} units one after another after ${WARM_UP_UNITS} not counted, 1 simulated rig (worker thread, fast mode)`;
    return [
      figure('units/h, station alone (prompts confirmed in process)', (UNITS * 3600) / alone.wallS, 'units/h', how),
      figure('units/h through the panel (a scripted page over HTTP)', (UNITS * 3600) / panel.wallS, 'units/h', `${how}; prompts answered from the event stream`),
      figure('panel ÷ station wall time per unit', panel.wallS / alone.wallS, '×', 'the panel\'s HTTP, event stream and prompt round trip'),
      figure('event stream per unit', panel.bytes / UNITS / 1024, 'kB', 'server-sent events to one page (4 pulls of ~230 samples each)'),
      figure('event messages per unit', panel.messages / UNITS, 'messages', 'batched every 50 ms at most'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(`${formatTable(await panelFigures())}\n`);
