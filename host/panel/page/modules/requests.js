// The operator's requests to the server: JSON POSTs to api/<name> (schemas in host/panel/panel-messages.ts).
import { showNotice } from './notice.js';

/** Send a request; null when the server took it, else why it did not. */
export async function post(name, body) {
  const response = await fetch(`api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.ok) return null;
  const answer = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  return answer.error || `${response.status}`;
}

/** Send a request whose refusal the operator only needs to read: it goes to the notice. */
export async function postShowingRefusal(name, body) {
  const problem = await post(name, body);
  if (problem) showNotice(problem);
}
