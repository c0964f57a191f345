import { z } from 'zod';

/**
 * What the station says on stdout, one JSON object per line (JSON Lines), for a line controller or
 * MES to read. One schema per event, all here; docs/station-events.schema.json is generated from
 * this file (npm run codegen) and a test fails when it is stale.
 */

const at = z.string().describe('ISO 8601 time with offset');
const rig = z.string().describe("the station's name for the rig");
const serial = z.string().min(1);
const outcome = z.enum(['PASS', 'FAIL', 'ERROR', 'ABORTED', 'SKIPPED']);

export const StationEvent = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('station-ready'),
    at,
    station: z.string(),
    plan: z.string(),
    rigs: z.array(z.strictObject({ rig, rigId: z.string(), where: z.string() })),
    rigsDown: z.array(z.strictObject({ rig, cause: z.string() })).describe('rigs that could not be opened at start: tried again in the background'),
  }),
  z.strictObject({ event: z.literal('unit-queued'), at, serial, attempt: z.number().int().positive(), queued: z.number().int().nonnegative().describe('units waiting, this one included') }),
  z.strictObject({
    event: z.literal('unit-refused'),
    at,
    serial: z.string(),
    cause: z.string().describe('why the line was not taken as a serial number, or why the unit is not tested again'),
  }),
  z.strictObject({ event: z.literal('unit-started'), at, serial, attempt: z.number().int().positive(), rig, runDir: z.string() }),
  z.strictObject({
    event: z.literal('step-result'),
    at,
    serial,
    attempt: z.number().int().positive(),
    rig,
    step: z.string(),
    pole: z.number().int().positive().optional(),
    outcome,
    cause: z.string().optional(),
  }),
  z.strictObject({
    event: z.literal('unit-finished'),
    at,
    serial,
    attempt: z.number().int().positive(),
    firstAttempt: z.boolean().describe('the first attempt of this serial in this shift: first-pass yield counts these only'),
    rig,
    outcome,
    cause: z.string().optional(),
    failingPoles: z.array(z.number().int().positive()),
    failingSteps: z.array(z.string()),
    runDir: z.string(),
    durationMs: z.number().nonnegative(),
    alreadyPassed: z.boolean().describe('this serial had passed before in this results folder'),
    retest: z.boolean().describe('the station will test this unit again (retest policy)'),
    notForRelease: z.string().optional().describe("NOT FOR RELEASE: the rig's calibration was not valid and allowUncalibrated let the unit run; why"),
  }),
  z.strictObject({ event: z.literal('rig-fault'), at, rig, cause: z.string(), serial: z.string().optional() }),
  z.strictObject({ event: z.literal('rig-recovered'), at, rig, rigId: z.string(), downMs: z.number().nonnegative() }),
  z.strictObject({ event: z.literal('rig-given-up'), at, rig, cause: z.string() }),
  z.strictObject({
    event: z.literal('shift-summary'),
    at,
    units: z.number().int().nonnegative(),
    attempts: z.number().int().nonnegative(),
    pass: z.number().int().nonnegative(),
    fail: z.number().int().nonnegative(),
    error: z.number().int().nonnegative(),
    firstPassYield: z.number().min(0).max(1).nullable().describe('first attempts that passed ÷ first attempts; null before any'),
    perRig: z.array(z.strictObject({ rig, attempts: z.number().int().nonnegative(), unitsPerHour: z.number().nonnegative() })),
    elapsedS: z.number().nonnegative(),
  }),
  z.strictObject({ event: z.literal('station-stopped'), at, cause: z.string() }),
]);

export type StationEvent = z.infer<typeof StationEvent>;
export type StationEventOf<K extends StationEvent['event']> = Extract<StationEvent, { event: K }>;
