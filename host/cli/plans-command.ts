import type { Command } from 'commander';
import { listBuiltinPlans } from '../plans/load-plan.js';
import type { Limits, ResolvedPlan, ResolvedStep } from '../plans/resolved-plan.js';
import { resolvePlan } from '../plans/resolve-plan.js';
import { polesText } from '../plans/resolve-context.js';
import { listBuiltinDutSpecs } from '../specs/load-dut-spec.js';
import { UsageError } from '../shared/usage-error.js';

/** `--poles 1,3`: a comma-separated list of pole numbers. */
function polesOption(text: string): number[] {
  const poles = text.split(',').map((part) => Number(part.trim()));
  if (text.trim() === '' || poles.some((pole) => !Number.isInteger(pole) || pole < 1)) {
    throw new UsageError(`--poles: value "${text}" is not allowed; expected pole numbers from 1 separated by commas, e.g. 1,3`);
  }
  return poles;
}

export function registerPlansCommand(program: Command): void {
  program
    .command('plans')
    .description('List the built-in test plans and DUT specs.')
    .option('--json', 'print one JSON object instead of text', false)
    .addHelpText('after', '\nExamples:\n  clampbench plans\n  clampbench plans --json\nExit code: 0 ok, 2 a built-in file is invalid.')
    .action((options: { json: boolean }) => {
      const plans = listBuiltinPlans();
      const duts = listBuiltinDutSpecs();
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ plans, duts }, null, 2)}\n`);
        return;
      }
      const nameWidth = Math.max(...plans.map((plan) => plan.name.length));
      const partWidth = Math.max(...duts.map((dut) => dut.partNumber.length));
      const lines = [
        'Plans (clampbench plan show <plan> --dut <part> --conductor <id>):',
        ...plans.map((plan) => `  ${plan.name.padEnd(nameWidth)}  ${plan.description}`),
        '',
        'DUT specs:',
        ...duts.map((dut) => `  ${dut.partNumber.padEnd(partWidth)}  ${dut.poles} poles  ${dut.description}${dut.illustrative ? '  [ILLUSTRATIVE]' : ''}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  const plan = program.command('plan').description('Work with test plans.');
  plan
    .command('show')
    .description('Resolve a plan for a DUT and a conductor and print every figure with its limit and source.')
    .argument('<plan>', 'built-in plan name or plan file path')
    .requiredOption('--dut <part>', 'DUT part number (831-1104/322-004) or spec file path')
    .requiredOption('--conductor <id>', 'conductor, e.g. 10mm2-fine, 6mm2-fine-ferrule, 2.5mm2-solid, 8awg-solid')
    .option('--poles <list>', 'poles to run, e.g. 1,3 (default: every pole of the DUT)', polesOption)
    .option('--json', 'print the resolved plan as JSON', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench plan show type-test --dut 831-1104/322-004 --conductor 10mm2-fine
  clampbench plan show production-qc --dut 831-1104/322-004 --conductor 6mm2-fine-ferrule --json
  clampbench plan show my-plan.yaml --dut my-spec.yaml --conductor 2.5mm2-solid --poles 1,2
Exit code: 0 ok, 2 a bad plan, spec, conductor or pole (the message names the field, the value and what is allowed).`,
    )
    .action((name: string, options: { dut: string; conductor: string; poles?: number[]; json: boolean }) => {
      const resolved = resolvePlan({ plan: name, dut: options.dut, conductor: options.conductor, ...(options.poles ? { poles: options.poles } : {}) });
      process.stdout.write(options.json ? `${JSON.stringify(resolved, null, 2)}\n` : `${formatResolvedPlan(resolved)}\n`);
    });
}

interface Row {
  scope: string;
  step: string;
  figure: string;
  value: string;
  source: string;
}

function limitText(limits: Limits): string {
  const parts = [limits.low !== undefined ? `≥ ${limits.low} ${limits.unit}` : '', limits.high !== undefined ? `≤ ${limits.high} ${limits.unit}` : ''];
  return parts.filter((part) => part !== '').join(', ');
}

function stepRows(scope: string, step: ResolvedStep): Row[] {
  const row = (figure: string, value: string, source = ''): Row => ({ scope, step: `${step.id}${step.optional ? ' (optional)' : ''}`, figure, value, source });
  switch (step.kind) {
    case 'prompt':
      return [row('prompt', step.text, step.requireCurrentOff ? 'current off first: DUT must not be handled live' : '')];
    case 'check-standard':
      return [row('check standard', `the rig's reference resistor (rig definition calibration.checkStandard), ${step.samples} ADC samples per channel`, 'out of tolerance: ERROR, no verdict')];
    case 'isolation':
      return [row('wiring map', step.expectedWiring.map((terminal, index) => `${index + 1}→${terminal}`).join(' '), step.source)];
    case 'vdrop':
      return [row('test current', `${step.currentA} A, ${step.samples} ADC samples per channel`, step.currentSource), row('voltage drop', limitText(step.limits.dropMv), step.limits.dropMv.source)];
    case 'pull':
      return [
        row('pull force', `${step.forceN} N, hold ${step.holdMs / 1000} s`, step.forceSource),
        row('ramp', `${step.rateNps} N/s from ${step.preloadN} N preload`, ''),
        row('slip', `> ${step.slipLimitMm} mm ${step.failOnSlip ? 'fails' : 'is recorded'}`, ''),
      ];
    case 'temperature-rise':
      return [
        row('heating current', `${step.currentA} A`, step.currentSource),
        row('temperature', limitText(step.limits.temperatureC), step.limits.temperatureC.source),
        row('rise', limitText(step.limits.riseK), step.limits.riseK.source),
        row('equilibrium', `< ${step.equilibriumKPerHour} K/h, at most ${step.maxDurationS / 3600} h`, step.equilibriumSource ?? ''),
      ];
  }
}

/** The resolved plan as a table a technician or quality engineer can check line by line. */
function formatResolvedPlan(plan: ResolvedPlan): string {
  const poles = `poles ${polesText(plan.poles)}`;
  const rows = [
    ...plan.unitSteps.flatMap((step) => stepRows('unit', step)),
    ...plan.poleSteps.flatMap((step) => stepRows(poles, step)),
    ...(plan.unitStepsAfter ?? []).flatMap((step) => stepRows('unit, after poles', step)),
  ];
  const header: Row = { scope: 'scope', step: 'step', figure: 'figure', value: 'value / limit', source: 'source' };
  const width = (key: keyof Row): number => Math.max(...[header, ...rows].map((row) => row[key].length));
  const keys = ['scope', 'step', 'figure', 'value'] as const;
  const line = (row: Row): string => `${keys.map((key) => row[key].padEnd(width(key))).join('  ')}  ${row.source}`.trimEnd();
  const marginal = plan.poleSteps.concat(plan.unitSteps).find((step) => step.kind === 'vdrop' || step.kind === 'temperature-rise');
  const marginalFraction = marginal && 'limits' in marginal ? Object.values(marginal.limits)[0]?.marginalFraction : undefined;
  return [
    `plan       ${plan.name}  (sha256 ${plan.planHash.slice(0, 16)}…)`,
    `           ${plan.description}`,
    `dut        ${plan.dut.partNumber}, ${plan.dut.poles} poles: ${plan.dut.description}`,
    ...(plan.dut.illustrative ? [`           ILLUSTRATIVE: ${plan.dut.illustrative}`] : []),
    `conductor  ${plan.conductor.text} (${plan.conductor.id})`,
    `options    stop on first fail: ${plan.options.stopOnFirstFail ? 'yes' : 'no'}; retest: ${plan.options.retest}${marginalFraction !== undefined ? `; MARGINAL within ${marginalFraction * 100} % of a limit` : ''}`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
