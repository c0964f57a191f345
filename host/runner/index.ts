// The runner's public surface: what the CLI, a panel or another host program uses.
export { runPlan, type RunPlanOptions } from './run-plan.js';
export { PlanRefusedError, refusalsFor } from './plan-refusal.js';
export { autoConfirmOperator, type Operator, type OperatorAnswer, type OperatorPrompt } from './operator.js';
export type { RunEvent, StepPosition } from './run-events.js';
export type * from './test-record.js';
