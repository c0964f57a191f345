// The operator's prompts as a dialog over the page: the oldest open prompt of any rig, answered
// with Done, Skip (optional prompts only) or Abort.
import { byId } from './dom.js';
import { lanes } from './lanes.js';
import { postShowingRefusal } from './requests.js';

let openPromptId = null;
// Answered here, but the server's word on it may still be on its way: not shown again meanwhile.
const answeredPromptIds = new Set();

/** Wire the dialog's buttons, and keep keys typed while it is open from reaching the page behind it. */
export function setUpPromptDialog() {
  byId('prompt-ok').addEventListener('click', () => answer('ok'));
  byId('prompt-skip').addEventListener('click', () => answer('skip'));
  byId('prompt-abort').addEventListener('click', () => answer('abort'));
  // A scanner's keys while a prompt is open must not reach the serial field behind it.
  document.addEventListener('keydown', (event) => {
    if (!byId('prompt').hidden && !event.target.closest('#prompt')) event.preventDefault();
  });
}

/** Show the oldest open prompt of the lanes (unless it is shown or answered already), or close the dialog when none is open. */
export function renderPrompt() {
  const open = [...lanes.values()].map((l) => l.view && l.view.prompt && { rig: l.view.rig, prompt: l.view.prompt }).find(Boolean);
  const dialog = byId('prompt');
  if (!open) return closePrompt();
  if (openPromptId === open.prompt.id || answeredPromptIds.has(open.prompt.id)) return;
  openPromptId = open.prompt.id;
  dialog.dataset.promptId = open.prompt.id;
  byId('prompt-where').textContent = `${open.rig} · ${open.prompt.serial}${open.prompt.pole ? ` · pole ${open.prompt.pole}` : ''}`;
  byId('prompt-text').textContent = open.prompt.text;
  byId('prompt-skip').hidden = !open.prompt.optional;
  dialog.hidden = false;
  byId('prompt-ok').focus();
}

function closePrompt() {
  const dialog = byId('prompt');
  openPromptId = null;
  if (dialog.hidden) return;
  dialog.hidden = true;
  delete dialog.dataset.promptId;
  // Back to the serial field, ready for the next scan.
  byId('serial').focus();
}

async function answer(kind) {
  if (!openPromptId) return;
  const id = openPromptId;
  answeredPromptIds.add(id);
  closePrompt();
  await postShowingRefusal('answer', { promptId: id, answer: kind });
}
