import { openRig } from '../../host/cli/open-rig.js';
import { defineRigSuite } from './rig-suite.js';

// The simulator behind a @serialport/bindings-interface binding, used through SerialPortStream.
defineRigSuite('the in-process simulator binding (SerialPortStream)', async () => {
  const rig = await openRig('sim');
  return { rig, ...(rig.transport.sim ? { sim: rig.transport.sim } : {}) };
});
