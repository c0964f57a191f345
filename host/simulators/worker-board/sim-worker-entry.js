// Entry of a simulator's worker thread: a worker starts without the parent's TypeScript loader, so
// it registers tsx itself before loading the simulator.
import { register } from 'tsx/esm/api';

register();
await import('./sim-worker.ts');
