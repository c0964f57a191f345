import { describe, expect, it } from 'vitest';
import { dacCodeToSetpointA, Mcp4921 } from '../../rigs/uno-pull/sim/models/dac.js';
import { decodeMuxByte, ShiftRegisterChain } from '../../rigs/uno-pull/sim/models/shift-register.js';
import { reverseBits, SpiBus } from '../../rigs/uno-pull/sim/models/spi-bus.js';
import { encodeMax31855Frame, Max31855 } from '../../rigs/uno-pull/sim/models/thermocouple.js';
import { decodeMax31855Frame } from '../support/max31855-frame.js';

describe('ShiftRegisterChain', () => {
  it('latches the last three bytes: mux, iso drive, Kelvin (last shifted = Kelvin)', () => {
    const chain = new ShiftRegisterChain(3);
    for (const byte of [0xaa, 0x13, 0x02, 0x04]) chain.shiftIn(byte);
    expect(chain.outputs).toEqual({ kelvinMask: 0, isoDriveMask: 0, muxByte: 0 }); // nothing until RCLK
    expect(chain.latch()).toEqual({ kelvinMask: 0x04, isoDriveMask: 0x02, muxByte: 0x13 });
  });

  it('decodes mux channels 0-7 as near ends and 8-15 as far-end terminals', () => {
    expect(decodeMuxByte(0x13)).toEqual({ enabled: true, end: 'near', pole: 4, insulation: false });
    expect(decodeMuxByte(0x33)).toEqual({ enabled: true, end: 'near', pole: 4, insulation: true });
    expect(decodeMuxByte(0x1a)).toEqual({ enabled: true, end: 'far', pole: 3, insulation: false });
    expect(decodeMuxByte(0x0a).enabled).toBe(false);
  });
});

describe('Mcp4921', () => {
  it('latches the 12-bit code on CS rising edge after exactly two bytes', () => {
    const warnings: string[] = [];
    const dac = new Mcp4921(60, (m) => warnings.push(m));
    dac.select();
    dac.transfer(0x37);
    dac.transfer(0xff);
    expect(dac.code).toBe(0);
    expect(dac.deselect()).toBe(true);
    expect(dac.code).toBe(0x7ff);
    expect(dac.setpointA).toBeCloseTo((0x7ff / 4095) * 60, 12);
    expect(warnings).toEqual([]);
  });

  it('ignores a write of the wrong length and warns about config bits a real chip would honour', () => {
    const warnings: string[] = [];
    const dac = new Mcp4921(60, (m) => warnings.push(m));
    dac.select();
    dac.transfer(0x30);
    expect(dac.deselect()).toBe(false);
    dac.select();
    dac.transfer(0x0f);
    dac.transfer(0xff);
    dac.deselect();
    expect(dac.code).toBe(4095);
    expect(warnings).toHaveLength(2);
  });

  it('maps full code to the rig full scale', () => {
    expect(dacCodeToSetpointA(4095, 60)).toBe(60);
  });
});

describe('MAX31855 frame', () => {
  it('encodes thermocouple and internal temperatures in their fields', () => {
    const frame = encodeMax31855Frame({ thermocoupleC: 45.3, internalC: 23, open: false, shortToGnd: false, shortToVcc: false });
    expect(frame >>> 18).toBe(181); // 45.25 °C in 0.25 °C steps
    expect((frame >> 4) & 0xfff).toBe(23 * 16);
    expect(frame & 0x1000f).toBe(0);
  });

  it('encodes negative temperatures as two\'s complement', () => {
    const decoded = decodeMax31855Frame(encodeMax31855Frame({ thermocoupleC: -10.5, internalC: -1.25, open: false, shortToGnd: false, shortToVcc: false }));
    expect(decoded).toEqual({ thermocoupleC: -10.5, internalC: -1.25, fault: false, flags: 0 });
  });

  it('sets the fault bit and OC flag for an open thermocouple', () => {
    const frame = encodeMax31855Frame({ thermocoupleC: 99, internalC: 23, open: true, shortToGnd: false, shortToVcc: false });
    expect((frame >> 16) & 1).toBe(1);
    expect(frame & 7).toBe(1);
  });

  it('shifts the frame out MSB first, 4 bytes, latched at CS low', () => {
    let temperatureC = 30;
    const chip = new Max31855(() => ({ thermocoupleC: temperatureC, internalC: 23, open: false, shortToGnd: false, shortToVcc: false }));
    chip.select();
    temperatureC = 99; // conversions stop while CS is low
    const bytes = [chip.transfer(0), chip.transfer(0), chip.transfer(0), chip.transfer(0), chip.transfer(0)];
    const frame = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    expect(decodeMax31855Frame(frame).thermocoupleC).toBe(30);
    expect(bytes[4]).toBe(0);
  });
});

describe('SpiBus', () => {
  it('sends bytes to the selected slave, else to the shift-register chain', () => {
    const chain = new ShiftRegisterChain(3);
    const bus = new SpiBus(chain, () => undefined);
    const chip = new Max31855(() => ({ thermocoupleC: 25, internalC: 25, open: false, shortToGnd: false, shortToVcc: false }));
    bus.setSelected(chip, true);
    expect(bus.transfer(0)).toBe((100 << 2) >> 8); // 25 °C = 100 quarter-degrees, top byte of bits 31..18
    bus.setSelected(chip, false);
    bus.transfer(0x01);
    bus.transfer(0x00);
    bus.transfer(0x08);
    expect(chain.latch()).toEqual({ kelvinMask: 0x08, isoDriveMask: 0, muxByte: 0x01 });
  });

  it('mirrors bytes for LSB-first masters', () => {
    expect(reverseBits(0x01)).toBe(0x80);
    expect(reverseBits(0xa0)).toBe(0x05);
  });
});
