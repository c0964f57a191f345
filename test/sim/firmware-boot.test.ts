import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultHexFile, UnoPullSimulator } from '../../rigs/uno-pull/sim/simulator.js';
import { LineClient } from './probe-harness.js';

/** Lines without their integrity check (the firmware always appends one). */
function body(line: string): string {
  return line.replace(/\*[0-9A-F]{4}$/, '');
}

async function untilLine(client: LineClient, pattern: RegExp, timeoutMs: number): Promise<string> {
  for (;;) {
    const line = await client.nextLine(timeoutMs);
    if (pattern.test(line)) return line;
  }
}

describe.skipIf(!existsSync(defaultHexFile))('real firmware in the simulator', () => {
  it('sends the banner after power-on and answers PING with ok and a CRC', async () => {
    const sim = new UnoPullSimulator({});
    const client = new LineClient(sim);
    expect(await client.nextLine(500)).toMatch(/^clampbench fw=\S+ proto=1\.\d+ rig=\S+\*[0-9A-F]{4}$/);
    await sim.runFor(50); // let any boot message pass
    client.text = '';
    expect(await client.request('PING')).toMatch(/^ok\*[0-9A-F]{4}$/);
  });

  it('measures the default DUT twin: pole 1 is 0.300 mOhm, wiring 1,2,3,4', async () => {
    const sim = new UnoPullSimulator({});
    const client = new LineClient(sim);
    await client.nextLine(500);
    await sim.runFor(50);
    client.text = '';
    const vdrop = body(await client.request('VDROP 1 5.7', 2000));
    const mohm = Number(/mohm=([\d.]+)/.exec(vdrop)?.[1]);
    expect(mohm).toBeGreaterThan(0.297);
    expect(mohm).toBeLessThan(0.303);
    expect(body(await client.request('ISO 4', 2000))).toBe('ok map=1,2,3,4 shorts=-');
  });

  it('stops stepping within one control period of an E-stop press during a pull', async () => {
    const sim = new UnoPullSimulator({});
    const client = new LineClient(sim);
    await client.nextLine(500);
    await sim.runFor(50);
    client.text = '';
    const keepAlive = (): void => {
      sim.write('PING\n');
      sim.after(100, keepAlive);
    };
    sim.after(100, keepAlive);
    sim.write('PULL 90 20 5000\n');
    let pressedAtMs = 0;
    sim.after(1500, () => {
      pressedAtMs = sim.timeMs;
      sim.setEstop(true);
    });
    await untilLine(client, /^DONE:PULL/, 3000);
    expect(sim.world.stepCount).toBeGreaterThan(0);
    expect((sim.world.lastMoveMs ?? 0) - pressedAtMs).toBeLessThanOrEqual(12.5);
  });
});
