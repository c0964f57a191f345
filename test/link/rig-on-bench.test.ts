import { describe } from 'vitest';
import { openRig } from '../../host/rig/open-rig.js';
import { defineRigSuite } from './rig-suite.js';

// A real rig on the bench: set CLAMPBENCH_TEST_PORT=/dev/ttyACM0 (or auto) with a good 4-pole
// DUT mounted. Pending (skipped) without it.
const port = process.env.CLAMPBENCH_TEST_PORT;

describe.skipIf(!port)(`real rig on ${port ?? '(set CLAMPBENCH_TEST_PORT to run)'}`, () => {
  defineRigSuite(`the real port ${port}`, async () => ({ rig: await openRig(port ?? '') }));
});
