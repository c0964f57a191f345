// The page's top line: the station, its plan, DUT and conductor, and how many units wait.
import { byId } from './dom.js';

/** Fill the header from a snapshot. */
export function renderStationHeader(snapshot) {
  byId('station').textContent = snapshot.station;
  byId('plan').textContent = `${snapshot.plan.name} · ${snapshot.dut} · ${snapshot.conductor}`;
  byId('plan').title = snapshot.plan.description;
  renderQueued(snapshot.queued);
}

/** How many units wait for a free rig; nothing when none do. */
export function renderQueued(queued) {
  byId('queued').textContent = queued ? `${queued} queued` : '';
}
