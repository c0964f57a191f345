// The notice under the serial field: the server's refusals and warnings, shown for a while.
import { byId } from './dom.js';

const NOTICE_SHOWN_MS = 12_000;
let hideTimer;

/** Show a text in the notice, replacing the one shown, and hide it after NOTICE_SHOWN_MS. */
export function showNotice(text) {
  const notice = byId('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => (notice.hidden = true), NOTICE_SHOWN_MS);
}
