import { resolvePlan } from '/work/main/host/plans/resolve-plan.js';
import { openUnoPullDriver } from '/work/main/host/rig/open-uno-pull-driver.js';
import { autoConfirmOperator } from '/work/main/host/runner/operator.js';
import { runPlan } from '/work/main/host/runner/run-plan.js';
const [planName, scen, skipOpt] = process.argv.slice(2);
const port = `sim:/work/main/rigs/uno-pull/sim/scenarios/${scen}.yaml`;
const t0 = performance.now();
const { driver, transport } = await openUnoPullDriver(port);
const plan = resolvePlan({ plan: planName!, dut: '831-1104/322-004', conductor: '10mm2-fine', rig: driver });
const s0 = transport.sim!.timeMs; const w0 = performance.now();
const rec = await runPlan(plan, driver, autoConfirmOperator, { serial: 'P', clock: transport.clock, skipOptional: skipOpt === '1' });
const s1 = transport.sim!.timeMs; const w1 = performance.now();
await driver.close();
const brief = (s: any) => `${s.stepId}:${s.outcome}${s.cause ? ' [' + s.cause + ']' : ''} ${s.attempts.map((a: any) => a.measurements.map((m: any) => `${m.name}=${m.value}${m.pole ? '@' + m.pole : ''}:${m.verdict}`).join(',') + (a.pullResult ? ' pr=' + a.pullResult : '')).join('|')}`;
console.log(`== ${planName} ${scen} outcome=${rec.outcome} cause=${rec.cause}`);
for (const s of rec.unitSteps) console.log('  U', brief(s));
for (const p of rec.poles) { console.log(`  pole ${p.pole} ${p.outcome}`); for (const s of p.steps) console.log('    ', brief(s)); }
for (const s of rec.unitStepsAfter) console.log('  A', brief(s));
console.log(`  sim ${(s1 - s0).toFixed(0)} ms wall ${(w1 - w0).toFixed(0)} ms (open ${(w0 - t0).toFixed(0)}) durationMs=${rec.durationMs}`);
