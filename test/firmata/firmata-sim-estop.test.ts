import type { EventEmitter } from 'node:events';
import five from 'johnny-five';
import { afterEach, describe, expect, it } from 'vitest';
import { analogReadings, openFirmataSim, simDelay, standardFirmataAvailable, type FirmataSimSession } from './support/firmata-sim-board.js';

// The E-stop is an NC contact to GND on pin 2 with an external pull-up: HIGH = pressed. johnny-five's
// Button inverts by default when isPullup is set (press = LOW, for a button to GND); invert: false
// makes HIGH the press.
const BUTTON_WAIT_MS = 5000;

const available = await standardFirmataAvailable();

let session: FirmataSimSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** johnny-five's Button has isDown at run time; @types/johnny-five leaves it out. */
function isDown(button: five.Button): boolean {
  return (button as unknown as { isDown: boolean }).isDown;
}

function nextEvent(emitter: five.Button, name: 'press' | 'release'): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${name}' within ${BUTTON_WAIT_MS} ms`)), BUTTON_WAIT_MS);
    (emitter as unknown as EventEmitter).once(name, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe.skipIf(!available)('the Firmata rig simulator under johnny-five: E-stop', () => {
  it('is seen as press and release by a Button on pin 2 with the pull-up on and invert off', async () => {
    session = await openFirmataSim('good-831-1104-10mm2', 10);
    const { sim, board } = session;
    const estop = new five.Button({ pin: sim.rig.pins.estop, isPullup: true, invert: false, board });
    await simDelay(sim, 50);
    expect(isDown(estop)).toBe(false);
    const pressed = nextEvent(estop, 'press');
    sim.setEstop(true);
    await pressed;
    expect(isDown(estop)).toBe(true);
    const released = nextEvent(estop, 'release');
    sim.setEstop(false);
    await released;
    expect(sim.events.filter((event) => event.kind === 'estop').map((event) => event.detail)).toEqual(['pressed', 'released']);
  });

  it('cuts the test current while pressed, whatever the board still drives', async () => {
    session = await openFirmataSim('good-831-1104-10mm2', 10);
    const { sim, io, board } = session;
    const { pins } = sim.rig;
    new five.Relay({ pin: pins.kelvinRelays[0] as number, type: 'NO', board }).close();
    io.pinMode(pins.currentSetpoint, io.MODES.PWM);
    io.analogWrite(pins.currentSetpoint, 128);
    await simDelay(sim, 80);
    expect(sim.currentA).toBeGreaterThan(4.9);
    sim.setEstop(true);
    expect(sim.currentA).toBe(0);
    const shunt = await analogReadings(io, pins.shuntAdc, 10);
    expect(Math.max(...shunt)).toBeLessThanOrEqual(5);
    // The relay and the setpoint are untouched: only the source's supply is broken.
    expect(sim.relays.kelvin[0]).toBe(true);
    expect(sim.setpointV).toBeCloseTo((128 / 255) * 5, 9);
  });

  // firmata-io keeps an image of each port and copies reported input levels into it; a later
  // digitalWrite to any pin of that port sends the whole image, and StandardFirmata writes an
  // INPUT pin's bit to PORTx, which is its pull-up: the MCU's pull-up on pin 2 is gone once a Kelvin
  // relay (pins 4-7, same port) switches. The rig's external pull-up (rig.yaml estop) carries the press.
  it('is seen after a relay on its port switched and with no MCU pull-up at all: the external pull-up holds the line', async () => {
    session = await openFirmataSim('good-831-1104-10mm2', 10);
    const { sim, board } = session;
    expect(sim.rig.estop.pullUpOhm).toBeGreaterThan(0);
    const estop = new five.Button({ pin: sim.rig.pins.estop, invert: false, board });
    await simDelay(sim, 50); // the board has reported pin 2 LOW (E-stop released)
    new five.Relay({ pin: sim.rig.pins.kelvinRelays[0] as number, type: 'NO', board }).close();
    await simDelay(sim, 50);
    const pressed = nextEvent(estop, 'press');
    sim.setEstop(true);
    await pressed;
    expect(isDown(estop)).toBe(true);
  });
});
