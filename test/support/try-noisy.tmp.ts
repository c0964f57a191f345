import { runNoisyUnits } from './noisy-units.js';
const clean = await runNoisyUnits({ units: 2, errorPerByte: 0, seed: 100, onUnit: (i, v) => console.log('clean', i, v) });
console.log('clean wall', clean.wallMs.toFixed(0));
const noisy = await runNoisyUnits({ units: 3, errorPerByte: 1e-2, seed: 100, onUnit: (i, v) => console.log('noisy', i, v) });
console.log('noisy wall', noisy.wallMs.toFixed(0), JSON.stringify({ ...noisy, verdicts: undefined }));
