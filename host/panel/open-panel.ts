import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RigSimulators } from '../rig/rig-simulators.js';
import { openStation } from '../station/open-station.js';
import type { StationConfig } from '../station/station-config.js';
import type { StationEvent } from '../station/station-events.js';
import { PanelAccess, type ListenAddress } from './panel-access.js';
import { startPanelServer, type PanelActions, type PanelServer } from './panel-server.js';
import { PanelView } from './panel-view.js';
import { PromptDesk } from './prompt-desk.js';

export interface OpenedPanel {
  /** The URL to open, with the token when one is needed. */
  url: string;
  token: string | null;
  server: PanelServer;
  /** End running units ABORTED, make the rigs safe, let go of the ports and stop serving. */
  close(cause: string): Promise<void>;
}

/**
 * The operator panel: the station's rigs, plan and results behind a local web page. The same
 * station runs the units as `clampbench station` does (journal first, run.json, report, history, a
 * faulted rig recovering on its own); the page's serial field takes the place of the scanner's
 * line, its dialogs answer the runner's prompts, and it shows the run events as they come.
 */
export async function openPanel(config: StationConfig, listen: ListenAddress, log: (line: string) => void, simulators?: RigSimulators): Promise<OpenedPanel> {
  // The station speaks (station-ready) before the view can exist: its plan is resolved on the rigs.
  const early: StationEvent[] = [];
  let view: PanelView | null = null;
  const desk = new PromptDesk((rig, prompt) => view?.setPrompt(rig, prompt));
  const { station, slots, plan } = await openStation(config, (event) => (view ? view.onStationEvent(event) : early.push(event)), log, {
    operatorFor: (rig, serial) => desk.operatorFor(rig, serial),
    onRunEvent: (rig, event) => view?.onRunEvent(rig, event),
    ...(simulators ? { simulators } : {}),
  });
  const panelView = new PanelView(
    { station: config.station, plan, dut: config.dut, conductor: config.conductor, hasRecord: (runDir) => existsSync(join(runDir, 'run.json')) },
    slots.map((s) => s.name),
  );
  view = panelView;
  for (const event of early) panelView.onStationEvent(event);

  const rigProblem = (rig: string): string | null => {
    const names = panelView.rigNames();
    return names.includes(rig) ? null : `rig: value "${rig}" is not a rig of this panel (${names.join(', ')})`;
  };
  const actions: PanelActions = {
    start: (serial) => {
      if (panelView.isInProgress(serial)) return `serial: value "${serial}" is queued or under test already`;
      const lanes = panelView.laneViews();
      if (lanes.every((l) => l.state === 'given-up')) return `no rig can take a unit: every rig was given up (${lanes.map((l) => `${l.rig}: ${l.fault ?? 'down'}`).join('; ')})`;
      station.submit(serial);
      return null;
    },
    abort: (rig) => {
      const problem = rigProblem(rig);
      if (problem) return problem;
      const stopped = station.abortUnit(rig, 'abort on the panel');
      desk.abortRig(rig);
      return stopped ? null : `rig: value "${rig}" has no unit running`;
    },
    answer: (promptId, answer) => desk.answer(promptId, answer),
    reset: (rig) => rigProblem(rig) ?? (station.resetRig(rig) ? null : `rig: value "${rig}" could not be reset`),
  };

  const access = new PanelAccess(listen);
  let server: PanelServer;
  try {
    server = await startPanelServer({ access, view: panelView, actions, log });
  } catch (error) {
    await station.stop('the panel could not start');
    await Promise.allSettled(slots.map((s) => s.close()));
    throw new Error(`--listen: cannot listen on ${listen.host}:${listen.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const shownHost = server.address.family === 'IPv6' ? `[${server.address.address}]` : server.address.address;
  const url = `http://${shownHost}:${server.address.port}/${access.token ? `?token=${access.token}` : ''}`;
  return {
    url,
    token: access.token,
    server,
    close: async (cause) => {
      const stopping = station.stop(cause);
      desk.abortAll();
      await stopping;
      await server.close();
      await Promise.allSettled(slots.map((s) => s.close()));
    },
  };
}
