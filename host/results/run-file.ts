import { z } from 'zod';
import { TestRecord } from '../runner/test-record.js';

/** run.json: the unit's test record, with the run's id and whether its journal holds all of it. */
export const RunFile = TestRecord.extend({
  runId: z.string().describe('the run\'s id, as in its journal and the history'),
  complete: z.boolean().describe('false when the journal could not be written or the run was cut off: the file then carries what the run had in memory'),
}).describe('clampbench run.json: one unit tested, every measurement with its limits, uncertainty and verdict');
export type RunFile = z.infer<typeof RunFile>;
