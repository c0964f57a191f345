import { openRig } from '../../host/rig/open-rig.js';
import { defineRigSuite } from './rig-suite.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

// The simulator behind a @serialport/bindings-interface binding, used through SerialPortStream.
defineRigSuite('the in-process simulator binding (SerialPortStream)', async () => {
  const rig = await openRig('sim', { createSimulator: createUnoPullSimulator });
  return { rig, ...(rig.transport.sim ? { sim: rig.transport.sim } : {}) };
});
