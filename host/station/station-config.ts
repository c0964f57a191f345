import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { identifierSchema } from '../shared/identifier-text.js';
import { loadDataFile } from '../shared/load-data-file.js';
import { SamplingPolicy } from './sampling/sampling-policy.js';

/** A station's name for one of its rigs, as events and logs name it. */
const rigName = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, '1 to 24 characters A-Z a-z 0-9 _ -');

export const StationRig = z.strictObject({
  name: rigName,
  port: z.string().min(1).describe('sim, sim:<scenario.yaml>, a device path such as /dev/ttyACM0, or auto'),
  rig: z.string().default('uno-pull').describe('rig kind: uno-pull, firmata, or a Firmata rig file'),
});

/**
 * A production-line station (`clampbench station --config station.yaml`): which rigs, which plan on
 * which DUT and conductor, where results go, how failed units may be retested. Paths are relative to
 * the config file.
 */
export const StationConfig = z.strictObject({
  station: identifierSchema('station name').describe('station name, recorded with every run'),
  operator: identifierSchema('operator').optional().describe('who (or which line controller) runs it, recorded with every run'),
  plan: z.string().min(1).describe('a built-in plan name or a plan file'),
  dut: z.string().min(1).describe('DUT part number or spec file'),
  conductor: z.string().min(1).describe('conductor id, e.g. 10mm2-fine'),
  results: z.string().min(1).default('results').describe('results folder: one run folder per attempt, history.sqlite'),
  rigs: z.array(StationRig).min(1).max(16),
  retest: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).default(1).describe('attempts a unit may have in all (1: no retest)'),
      onError: z.boolean().default(true).describe('a unit whose attempt ended ERROR (a rig fault, not a verdict) may be tried again'),
    })
    .prefault({}),
  sampling: z
    .strictObject({
      steps: z.array(z.string().min(1)).min(1).describe("ids of the plan's destructive steps (e.g. pull-check): run only on sampled units"),
      policy: SamplingPolicy,
    })
    .optional()
    .describe('sampling of destructive steps; absent: every step on every unit'),
  allowUncalibrated: identifierSchema('reason')
    .optional()
    .describe("run on rigs whose calibration is expired, missing or whose checksum does not match, for this reason (recorded); every unit's outputs say NOT FOR RELEASE. Absent: such a rig takes no unit"),
  checkStandardEveryH: z
    .number()
    .positive()
    .max(24)
    .default(8)
    .describe("hours after which a rig's shift-start verification (the plan's check-standard steps) runs again on its next unit; it always runs on each rig's first unit"),
  reconnectWaitS: z.number().min(0).max(86_400).default(300).describe('how long a faulted rig is tried again before it is given up for the shift'),
  realtime: z.boolean().default(false).describe('simulated rigs at wall-clock speed (default: as fast as they go)'),
  simulators: z
    .enum(['threads', 'inline'])
    .default('threads')
    .describe("simulated Uno pull rigs each in a worker thread (several use several cores), or all in the station's own thread"),
}).superRefine((config, ctx) => {
  const seen = new Set<string>();
  config.rigs.forEach((rig, index) => {
    if (seen.has(rig.name)) ctx.addIssue({ code: 'custom', path: ['rigs', index, 'name'], message: `rig name "${rig.name}" is used twice: each rig needs its own` });
    seen.add(rig.name);
  });
});

export type StationConfig = z.infer<typeof StationConfig>;

/** Load and validate a station file; paths in it become absolute (relative to the file). */
export function loadStationConfig(file: string): StationConfig {
  const config = loadDataFile(file, StationConfig);
  const base = dirname(resolve(file));
  const local = (path: string): string => (/^[\w-]+$/.test(path) ? path : resolve(base, path));
  const port = (value: string): string => (value.startsWith('sim:') ? `sim:${resolve(base, value.slice(4))}` : value);
  return {
    ...config,
    plan: local(config.plan),
    dut: /\.(ya?ml|json)$/i.test(config.dut) ? resolve(base, config.dut) : config.dut,
    results: resolve(base, config.results),
    rigs: config.rigs.map((r) => ({ ...r, port: port(r.port), rig: /\.(ya?ml)$/i.test(r.rig) ? resolve(base, r.rig) : r.rig })),
  };
}
