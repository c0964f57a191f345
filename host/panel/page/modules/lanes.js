// The page's state: one lane per rig, each with its card (from #lane-template), the server's last
// view of the rig, and its force curve and chart while it has one.
import { byId } from './dom.js';
import { postShowingRefusal } from './requests.js';

/** rig -> { card, view, curve: { id, meta, xs, ys } | null, plot: uPlot | null } */
export const lanes = new Map();

/** The rig's lane, its card added to the page on first use. */
export function laneFor(rig) {
  let lane = lanes.get(rig);
  if (lane) return lane;
  const card = byId('lane-template').content.firstElementChild.cloneNode(true);
  card.dataset.rig = rig;
  card.querySelector('.abort').addEventListener('click', () => postShowingRefusal('abort', { rig }));
  card.querySelector('.reset').addEventListener('click', () => postShowingRefusal('reset', { rig }));
  byId('lanes').append(card);
  lane = { card, view: null, curve: null, plot: null };
  lanes.set(rig, lane);
  return lane;
}
