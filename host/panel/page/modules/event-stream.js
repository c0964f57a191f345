// The server's event stream (server-sent events at `events`) and the link indicator in the header.
// EventSource reconnects by itself after a loss; the server then sends a fresh snapshot.
import { byId } from './dom.js';

/** Open the stream, passing each message (parsed JSON) to onMessage, and show the link's state. */
export function connectEventStream(onMessage) {
  const source = new EventSource('events');
  const link = byId('link');
  source.onopen = () => {
    link.dataset.state = 'live';
    link.textContent = 'live';
  };
  source.onmessage = (event) => onMessage(JSON.parse(event.data));
  source.onerror = () => {
    link.dataset.state = 'lost';
    link.textContent = 'connection lost: retrying';
  };
}
