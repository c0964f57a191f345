// The serial field and Start: a scanner in keyboard mode types the serial, then Enter.
import { byId } from './dom.js';
import { showNotice } from './notice.js';
import { post } from './requests.js';

/** Send a start request for the serial on submit; the field is cleared once the server took it. */
export function setUpStartForm() {
  byId('start-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('serial');
    const serial = input.value.trim();
    if (!serial) return showNotice('serial: scan the unit or type its serial number first');
    byId('start').disabled = true;
    const problem = await post('start', { serial });
    byId('start').disabled = false;
    if (problem) showNotice(problem);
    else input.value = '';
    input.focus();
  });
}
