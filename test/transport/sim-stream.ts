import { SerialPortStream } from '@serialport/stream';
import type { SimBinding } from '../../host/transport/sim-binding.js';

/** Open `path` on the simulator binding through SerialPortStream, as the host does. */
export function openSimStream(binding: SimBinding, path = 'sim', baudRate = 115200): Promise<SerialPortStream<SimBinding>> {
  return new Promise((resolve, reject) => {
    const stream = new SerialPortStream({ binding, path, baudRate, autoOpen: false });
    stream.open((error) => (error ? reject(error) : resolve(stream)));
  });
}

export function closeStream(stream: SerialPortStream<SimBinding>): Promise<void> {
  return new Promise((resolve, reject) => stream.close((error) => (error ? reject(error) : resolve())));
}

/** stream.set as a promise (every flag at its default unless given, as the binding interface says). */
export function setFlags(stream: SerialPortStream<SimBinding>, flags: { dtr?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => stream.set(flags, (error) => (error ? reject(error) : resolve())));
}
