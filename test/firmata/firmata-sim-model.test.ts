import { describe, expect, it } from 'vitest';
import { FirmataSimulator } from '../../rigs/firmata-continuity/sim/firmata-simulator.js';
import { defaultScenarioFile, loadScenarioForPoles, type Scenario } from '../../rigs/uno-pull/sim/scenario.js';
import { standardFirmataAvailable } from './support/firmata-sim-board.js';

// The simulator on its own, stepped with runFor(): raw Firmata messages in, pin models out.
/** StandardFirmata says its version ~1.9 s after reset (after its boot blink); it takes commands from then on. */
const BOOT_MS = 2000;
const SET_PIN_MODE = 0xf4;
const OUTPUT = 0x01;

/** DIGITAL_MESSAGE: the levels of one 8-pin port (pins 8k..8k+7), 7 bits + 1. */
function digitalMessage(port: number, levels: number): number[] {
  return [0x90 | port, levels & 0x7f, (levels >> 7) & 0x01];
}

/** DIGITAL_MESSAGE for `port` with the listed pins HIGH and its other pins LOW. */
function pinsHigh(pins: number[], port: number): number[] {
  return digitalMessage(port, pins.filter((pin) => pin >> 3 === port).reduce((levels, pin) => levels | (1 << (pin & 7)), 0));
}

function scenarioWith(faults: Scenario['faults']): Scenario {
  return { ...loadScenarioForPoles(defaultScenarioFile, 4), faults };
}

const available = await standardFirmataAvailable();

describe.skipIf(!available)('the Firmata rig simulator models', () => {
  it('records the lamp and the buzzer with the simulated time of every change', async () => {
    const sim = await FirmataSimulator.create();
    const { lamp, buzzer } = sim.rig.pins;
    await sim.runFor(BOOT_MS);
    const bootLampChanges = sim.lampChanges.length; // the version blink, when the lamp is on pin 13
    sim.write(Buffer.from([SET_PIN_MODE, lamp, OUTPUT, SET_PIN_MODE, buzzer, OUTPUT]));
    await sim.runFor(5);
    const onAtMs = sim.timeMs;
    sim.write(Buffer.from([...pinsHigh([lamp, buzzer], 0), ...pinsHigh([lamp, buzzer], 1)]));
    await sim.runFor(100);
    const offAtMs = sim.timeMs;
    sim.write(Buffer.from([...pinsHigh([], 0), ...pinsHigh([], 1)]));
    await sim.runFor(10);
    expect(sim.lampOn).toBe(false);
    const changes = sim.lampChanges.slice(bootLampChanges);
    expect(changes.map((change) => change.on)).toEqual([true, false]);
    // Three bytes at 57600 baud are 0.52 ms on the wire; the firmware acts within a loop pass.
    expect((changes[0]?.timeMs ?? NaN) - onAtMs).toBeGreaterThan(0);
    expect((changes[0]?.timeMs ?? NaN) - onAtMs).toBeLessThan(2);
    expect((changes[1]?.timeMs ?? NaN) - offAtMs).toBeLessThan(2);
    expect(sim.buzzer.edges).toBe(2);
    expect(sim.buzzer.onMs).toBeGreaterThan(99);
    expect(sim.buzzer.onMs).toBeLessThan(101);
    expect(sim.events.filter((event) => event.kind === 'buzzer').map((event) => event.detail)).toEqual(['on', 'off']);
  });

  it('opens every relay on reset: StandardFirmata starts with all pins LOW', async () => {
    const sim = await FirmataSimulator.create();
    await sim.runFor(BOOT_MS);
    const relayPins = [sim.rig.pins.kelvinRelays[0] as number, sim.rig.pins.isoRelays[0] as number];
    const modes = relayPins.flatMap((pin) => [SET_PIN_MODE, pin, OUTPUT]);
    sim.write(Buffer.from([...modes, ...pinsHigh(relayPins, 0), ...pinsHigh(relayPins, 1)]));
    await sim.runFor(10);
    expect(sim.relays).toEqual({ kelvin: [true, false, false, false], iso: [true, false, false, false] });
    sim.reset();
    await sim.runFor(1);
    expect(sim.relays).toEqual({ kelvin: [false, false, false, false], iso: [false, false, false, false] });
  });

  it('runs E-stop faults of the scenario and ignores, with one warning, those it has no hardware for', async () => {
    const sim = await FirmataSimulator.create({
      scenario: scenarioWith([
        { atMs: 10, kind: 'guard', open: true },
        { atMs: 20, kind: 'loadCellFault', offsetN: 5, scale: 1 },
        { atMs: 30, kind: 'estop', pressed: true },
        { atMs: 60, kind: 'estop', pressed: false },
      ]),
    });
    const warnings = sim.events.filter((event) => event.kind === 'warning');
    expect(warnings.map((event) => event.detail)).toEqual(['scenario faults ignored, the Firmata rig has no hardware for them: guard, loadCellFault']);
    await sim.runFor(40);
    expect(sim.estopPressed).toBe(true);
    await sim.runFor(40);
    expect(sim.estopPressed).toBe(false);
    const estopEvents = sim.events.filter((event) => event.kind === 'estop');
    expect(estopEvents.map((event) => event.detail)).toEqual(['pressed', 'released']);
    // Scheduled events run at the end of the instruction that reaches their time: within a few cycles.
    expect(estopEvents[0]?.timeMs).toBeCloseTo(30, 2);
    expect(estopEvents[1]?.timeMs).toBeCloseTo(60, 2);
  });
});

describe('the Firmata rig simulator set-up', () => {
  it('refuses a scenario with more poles than the rig switches', () => {
    const fivePoles = { ...loadScenarioForPoles(defaultScenarioFile, 4), poles: 5, wiring: [1, 2, 3, 4, 5] };
    expect(() => new FirmataSimulator({ scenario: fivePoles, hexPath: null })).toThrow(/must not exceed the rig's poles \(4\)/);
  });
});
