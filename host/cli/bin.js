#!/usr/bin/env node
// Entry point of the `clampbench` command: loads the TypeScript sources through tsx, so a fresh
// machine needs nothing beyond `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
