import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PortInfo } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { FileValidationError } from '../../host/shared/validation-error.js';
import { LineClient } from '../../host/link/line-client.js';
import { classifyOpenError } from '../../host/transport/classify-open-error.js';
import { openTransport } from '../../host/transport/open-transport.js';
import { SimBinding } from '../../host/transport/sim-binding.js';
import { TransportError } from '../../host/transport/transport-error.js';
import { createUnoPullSimulator } from '../../rigs/uno-pull/sim/create-simulator.js';

const pulloutScenario = fileURLToPath(new URL('../../rigs/uno-pull/sim/scenarios/pullout-pole-3.yaml', import.meta.url));

function usbPort(path: string, vendorId: string, productId: string): PortInfo {
  return { path, manufacturer: undefined, serialNumber: undefined, pnpId: undefined, locationId: undefined, vendorId, productId };
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('openTransport on the simulator', () => {
  it('opens sim on the simulated clock, names the scenario and stops the simulator on close', async () => {
    const transport = await openTransport('sim', { createSimulator: createUnoPullSimulator });
    try {
      expect(transport.where).toBe('simulator (good 831-1104/322-004, 10 mm² fine-stranded, fast)');
      const sim = transport.sim;
      expect(sim?.isRunning).toBe(true);
      expect(transport.clock.now()).toBe(sim?.timeMs);
      const client = new LineClient(transport.stream, { clock: transport.clock, requestTimeoutMs: 1000 });
      await client.waitFor('banner', () => true, 3000);
      await client.request('PING');
      client.close();
    } finally {
      await transport.close();
    }
    expect(transport.sim?.isRunning).toBe(false);
    await transport.close(); // twice is harmless
  });

  it('runs sim:<scenario file> in realtime mode when asked', async () => {
    const transport = await openTransport(`sim:${pulloutScenario}`, { createSimulator: createUnoPullSimulator, realtime: true });
    try {
      expect(transport.where).toBe('simulator (pole 3 pulls out at 40 N, realtime)');
      expect(transport.sim?.mode).toBe('realtime');
    } finally {
      await transport.close();
    }
  });

  it('throws the FileValidationError of a bad scenario file unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clampbench-scenario-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, `extends: ${pulloutScenario}\npoles: 9\n`);
      const error = await openTransport(`sim:${file}`, { createSimulator: createUnoPullSimulator }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FileValidationError);
      expect(String((error as Error).message)).toContain('bad.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openTransport auto', () => {
  it('opens the one attached rig board', async () => {
    const transport = await openTransport('auto', {
      listPorts: { list: async () => [usbPort('sim', '2341', '0043'), usbPort('/dev/ttyUSB3', '0403', '6001')] },
      portBinding: new SimBinding({ createSimulator: createUnoPullSimulator }), // stands in for the Uno: 'sim' is the path the listing gave
    });
    try {
      expect(transport.where).toBe('sim');
    } finally {
      await transport.close();
    }
  });

  it('refuses when no rig board is attached, listing what was found', async () => {
    const error = await rejection(openTransport('auto', { listPorts: { list: async () => [usbPort('/dev/ttyUSB3', '0403', '6001')] } }));
    expect(error.reason).toBe('no-rig');
    expect(error.message).toBe(
      'auto: no rig board (Arduino Uno or CH340) attached — found: /dev/ttyUSB3 (USB ID 0403:6001 is not a rig board); plug it in, or name the port with --port <path>',
    );
  });

  it('refuses when several rig boards are attached', async () => {
    const error = await rejection(
      openTransport('auto', { listPorts: { list: async () => [usbPort('/dev/ttyACM0', '2341', '0043'), usbPort('/dev/ttyUSB0', '1a86', '7523')] } }),
    );
    expect(error.reason).toBe('several-rigs');
    expect(error.message).toBe(
      'auto: 2 rig boards attached — found: /dev/ttyACM0 (USB ID 2341:0043: Arduino Uno R3); /dev/ttyUSB0 (USB ID 1a86:7523: CH340 USB-serial, Uno clone); name one with --port <path>',
    );
  });
});

describe('openTransport on a device path', () => {
  it('says a missing port is not found and where to look', async () => {
    const error = await rejection(openTransport('/dev/does-not-exist'));
    expect(error.reason).toBe('not-found');
    expect(error.message).toBe('/dev/does-not-exist: no such serial port; `clampbench ports` lists the candidates');
  });

  it('classifies the binding errors for busy and permission', () => {
    const busy = classifyOpenError('/dev/ttyACM0', new Error('Error Resource temporarily unavailable Cannot lock port'));
    expect(busy.reason).toBe('busy');
    expect(busy.message).toMatch(/^\/dev\/ttyACM0 is in use by another program \(/);
    expect(classifyOpenError('/dev/ttyACM0', Object.assign(new Error('open'), { code: 'EBUSY' })).reason).toBe('busy');
    const denied = classifyOpenError('/dev/ttyACM0', new Error('Error: Permission denied, cannot open /dev/ttyACM0'));
    expect(denied.reason).toBe('permission');
    expect(denied.message).toContain('add your user to the dialout group');
    expect(classifyOpenError('/dev/ttyACM0', new Error('Error: Input/output error, cannot open /dev/ttyACM0')).reason).toBe('other');
  });
});
