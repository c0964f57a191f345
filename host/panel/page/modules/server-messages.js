// What the server pushes (PanelMessage in host/panel/panel-messages.ts), each kind to what draws it.
import { applyCurve } from './force-chart.js';
import { renderLane } from './lane-card.js';
import { lanes } from './lanes.js';
import { showNotice } from './notice.js';
import { renderPrompt } from './prompt-dialog.js';
import { renderResults } from './results-table.js';
import { renderQueued, renderStationHeader } from './station-header.js';

/** Draw one message from the event stream. */
export function onServerMessage(message) {
  switch (message.type) {
    case 'snapshot':
      applySnapshot(message.snapshot);
      return;
    case 'lane':
      renderLane(message.lane);
      renderPrompt();
      return;
    case 'curve':
      applyCurve(message.rig, message.curve, message.from, message.points);
      return;
    case 'queued':
      renderQueued(message.queued);
      return;
    case 'results':
      renderResults(message.results);
      return;
    case 'notice':
      showNotice(message.text);
      return;
  }
}

/** The whole state, sent first on every connection (and again after a reconnect): the page redrawn from it. */
function applySnapshot(snapshot) {
  renderStationHeader(snapshot);
  for (const lane of snapshot.lanes) {
    renderLane(lane);
    if (lane.curve) {
      const { points, ...meta } = lane.curve;
      const mine = lanes.get(lane.rig);
      if (mine.curve && mine.curve.id === meta.id) mine.curve = null; // redraw whole from the snapshot
      applyCurve(lane.rig, meta, 0, points);
    }
  }
  renderResults(snapshot.results);
  renderPrompt();
}
