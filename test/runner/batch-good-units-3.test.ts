import { defineGoodUnitBatch } from './fixtures/batch-good-units.js';

// Batch 3 of 4: units 101-150 of the good-831-1104-10mm2-spread population through production-qc
// (fixtures/batch-good-units.ts). Four files of 50 so vitest's two workers share the 200 units.
defineGoodUnitBatch(101, 50);
