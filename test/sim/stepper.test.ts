import { describe, expect, it } from 'vitest';
import { loadRigDefinition, mmPerStep } from '../../rigs/uno-pull/rig-definition.js';
import { Stepper } from '../../rigs/uno-pull/sim/models/stepper.js';

const rig = loadRigDefinition();

describe('Stepper', () => {
  it('moves one microstep per enabled pulse: 800 pulses = 1 mm on the Uno rig', () => {
    const stepper = new Stepper({ mmPerStep: mmPerStep(rig), minPosMm: -0.5, maxPosMm: rig.motion.travelMm + 1 });
    for (let i = 0; i < 800; i++) stepper.pulse(true, true);
    expect(stepper.posMm).toBeCloseTo(1, 12);
    for (let i = 0; i < 400; i++) stepper.pulse(true, false);
    expect(stepper.posMm).toBeCloseTo(0.5, 12);
    expect(stepper.stepCount).toBe(1200);
  });

  it('ignores pulses while the driver is disabled', () => {
    const stepper = new Stepper({ mmPerStep: 0.0025, minPosMm: -0.5, maxPosMm: 61 });
    expect(stepper.pulse(false, true)).toBe(false);
    expect(stepper.posMm).toBe(0);
    expect(stepper.ignoredSteps).toBe(1);
  });

  it('stops at the hard stop behind home and counts the lost steps', () => {
    const stepper = new Stepper({ mmPerStep: 0.0025, minPosMm: -0.5, maxPosMm: 61 });
    for (let i = 0; i < 300; i++) stepper.pulse(true, false);
    expect(stepper.posMm).toBeCloseTo(-0.5, 12);
    expect(stepper.blockedSteps).toBe(100);
  });
});
