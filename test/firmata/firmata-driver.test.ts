import { afterEach, describe, expect, it } from 'vitest';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import { CapabilityMissingError, FirmataDriver } from '../../host/rig/firmata/firmata-driver.js';
import { RigAlarmError, RigResetRefusedError } from '../../host/rig/rig-errors.js';
import { loadFirmataRigDefinition } from '../../rigs/firmata-continuity/rig-definition.js';
import { ScriptedFirmata, instantClock } from './support/scripted-firmata.js';

// Unit tests of the Firmata rig's driver over mock-firmata: which pins it drives, in what order, and
// how it turns ADC counts into readings. The rig file's figures (rigs/firmata-continuity/rig.yaml):
// Kelvin relays on pins 4-7, isolation relays 8, 11, 12, 10, current setpoint PWM on 9 (255 = 10 A),
// lamp 13, buzzer 3, E-stop 2; A0 sense (gain 200), A1 shunt (10 mΩ × 40), A2-A5 far ends (÷2).
// One ADC count: 5 V / 1024 = 4.8828 mV, so 0.024414 mV of drop and 12.207 mA of current.

const rig = loadFirmataRigDefinition();
const KELVIN = rig.pins.kelvinRelays;
const ISO = rig.pins.isoRelays;
const PWM = rig.pins.currentSetpoint;
const RELAYS = [...KELVIN, ...ISO];

let board: ScriptedFirmata;
afterEach(() => board?.stop());

async function driverOn(): Promise<FirmataDriver> {
  board = new ScriptedFirmata();
  return FirmataDriver.create({ rig, board: board.board, io: board.io, clock: instantClock, where: 'mock', closePort: async () => undefined });
}

/** Far-end channel k (A2..A5) reads high when pole `driven` reaches it, by `reaches(driven)`. */
function farEndCounts(reaches: (driven: number) => number[]) {
  return (channel: number, pins: ReadonlyMap<number, number>): number => {
    const driven = ISO.findIndex((pin) => pins.get(pin) === 1) + 1;
    const terminal = rig.pins.farEndAdc.indexOf(channel) + 1;
    return driven > 0 && reaches(driven).includes(terminal) ? 1013 : 2;
  };
}

describe('FirmataDriver over mock-firmata', () => {
  it('measures a voltage drop on the chosen pole only, at the PWM duty for the current, and leaves everything off', async () => {
    const driver = await driverOn();
    const closedDuringSampling: number[][] = [];
    board.analogCounts = (channel, pins) => {
      closedDuringSampling.push(RELAYS.filter((pin) => pins.get(pin) === 1));
      // 5.7 A asks for duty 145 (5.686 A); the board reports 466 counts of shunt (5.694 A) and 70 of sense (1.721 mV).
      return channel === rig.pins.shuntAdc ? 466 : 70;
    };
    const reading = await driver.measureDrop(3, 5.7, 16);
    // A count stands for the middle of its bin (the ADC truncates): 70.5 and 466.5 counts.
    const dropMv = 70.5 * 0.0244140625;
    const currentA = 466.5 * 0.01220703125;
    expect(reading).toEqual({ open: false, dropMv: expect.closeTo(dropMv, 4), currentA: expect.closeTo(currentA, 3), resistanceMilliohm: expect.closeTo(dropMv / currentA, 4) });
    expect(new Set(closedDuringSampling.map((pins) => pins.join(',')))).toEqual(new Set([String(KELVIN[2])]));
    expect(board.writes.filter(([pin]) => pin === PWM).map(([, duty]) => duty)).toEqual([0, 145, 0]);
    for (const pin of [PWM, ...RELAYS]) expect(board.pinValues.get(pin) ?? 0).toBe(0);
  });

  it('says open when the current stays below half the setpoint', async () => {
    const driver = await driverOn();
    board.analogCounts = (channel) => (channel === rig.pins.shuntAdc ? 200 : 1023);
    expect(await driver.measureDrop(1, 5.7, 8)).toEqual({ open: true });
  });

  it('refuses a current above the rig file and a pole it cannot switch, naming the field, value and range', async () => {
    const driver = await driverOn();
    await expect(driver.measureDrop(1, 12, 8)).rejects.toThrow('test current 12 A: allowed above 0 up to the rig\'s 10 A (rig file current.maxTestCurrentA)');
    await expect(driver.measureDrop(5, 5.7, 8)).rejects.toThrow('pole 5: this rig switches poles 1..4 (rig file poles)');
    expect(board.writes.filter(([pin, value]) => (pin === PWM || RELAYS.includes(pin)) && value !== 0)).toEqual([]);
  });

  it('maps far ends and shorts one driven pole at a time', async () => {
    const driver = await driverOn();
    board.analogCounts = farEndCounts((pole) => [pole]);
    expect(await driver.checkIsolation(4)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [] });
    board.analogCounts = farEndCounts((pole) => (pole === 1 ? [2] : pole === 2 ? [1] : [pole]));
    expect(await driver.checkIsolation(4)).toEqual({ farEndByPole: [2, 1, 3, 4], shortedPairs: [] });
    board.analogCounts = farEndCounts((pole) => (pole === 2 || pole === 3 ? [2, 3] : [pole]));
    expect(await driver.checkIsolation(4)).toEqual({ farEndByPole: [1, 2, 3, 4], shortedPairs: [[2, 3]] });
    board.analogCounts = farEndCounts((pole) => (pole === 4 ? [] : [pole]));
    expect((await driver.checkIsolation(4)).farEndByPole).toEqual([1, 2, 3, 0]);
    for (const pin of RELAYS) expect(board.pinValues.get(pin) ?? 0).toBe(0);
  });

  it('latches the E-stop: the running measurement ends with ALARM:1, nothing runs until a reset after release', async () => {
    const driver = await driverOn();
    let readings = 0;
    board.analogCounts = (channel) => {
      if (++readings === 10) board.setInput(rig.pins.estop, 1);
      return channel === rig.pins.shuntAdc ? 466 : 70;
    };
    const during = driver.measureDrop(2, 5.7, 64);
    await expect(during).rejects.toBeInstanceOf(RigAlarmError);
    await expect(during).rejects.toMatchObject({ alarmCode: AlarmCode.ESTOP });
    expect(board.pinValues.get(PWM)).toBe(0);
    expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [AlarmCode.ESTOP], estopPressed: true, guardOpen: false });
    await expect(driver.resetAlarms()).rejects.toBeInstanceOf(RigResetRefusedError);
    await expect(driver.checkIsolation(4)).rejects.toMatchObject({ alarmCode: AlarmCode.ESTOP });
    board.setInput(rig.pins.estop, 0);
    await driver.resetAlarms();
    expect(await driver.readSafetyState()).toEqual({ latchedAlarms: [], estopPressed: false, guardOpen: false });
  });

  it('sees an E-stop already pressed when it connects', async () => {
    board = new ScriptedFirmata();
    board.setInput(rig.pins.estop, 1);
    const driver = await FirmataDriver.create({ rig, board: board.board, io: board.io, clock: instantClock, where: 'mock', closePort: async () => undefined });
    expect((await driver.readSafetyState()).latchedAlarms).toEqual([AlarmCode.ESTOP]);
  });

  it('has no pull and no temperature: those requests name the missing hardware', async () => {
    const driver = await driverOn();
    expect([...driver.capabilities]).toEqual(['vdrop', 'iso']);
    await expect(driver.pull()).rejects.toBeInstanceOf(CapabilityMissingError);
    await expect(driver.heatOn()).rejects.toThrow('cannot heat a pole (temperature rise): it has no such hardware; its capabilities are vdrop, iso');
    await expect(driver.readTemperatureC()).rejects.toThrow('cannot measure temperature');
  });

  it('signals PASS with the lamp on and one beep, FAIL with the lamp off and three', async () => {
    const driver = await driverOn();
    const beeps = (): number => board.writes.filter(([pin, value]) => pin === rig.pins.buzzer && value === 1).length;
    await driver.signalOutcome('running');
    expect(board.pinValues.get(rig.pins.lamp) ?? 0).toBe(0);
    await driver.signalOutcome('PASS');
    expect(board.pinValues.get(rig.pins.lamp)).not.toBe(0);
    expect(beeps()).toBe(rig.signals.passBeeps);
    await driver.signalOutcome('FAIL');
    expect(board.pinValues.get(rig.pins.lamp)).toBe(0);
    expect(beeps()).toBe(rig.signals.passBeeps + rig.signals.failBeeps);
    expect(board.pinValues.get(rig.pins.buzzer)).toBe(0);
  });

  it('makeSafe reports a pin the board says is still on', async () => {
    const driver = await driverOn();
    await driver.makeSafe();
    board.io.queryPinState = (pin: number, callback: () => void) => {
      const record = board.io.pins[pin];
      if (record) record.state = pin === KELVIN[0] ? 1 : 0;
      setImmediate(callback);
    };
    await expect(driver.makeSafe()).rejects.toThrow(`the Firmata board did not confirm the safe state: pins ${KELVIN[0]} still report a non-zero state`);
  });
});
