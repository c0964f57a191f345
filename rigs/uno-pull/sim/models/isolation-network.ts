/** A resistor between two nodes (node -1 = ground). */
export interface Resistor {
  a: number;
  b: number;
  ohm: number;
}

/**
 * An ideal unity-gain follower's output driving node `to` through `ohm` at the voltage of node `from`
 * (the guard): current flows into `to` without being drawn from `from`.
 */
export interface Follower {
  from: number;
  to: number;
  ohm: number;
}

/** A voltage source behind a series resistor into a node (a Thevenin source to ground). */
export interface Drive {
  node: number;
  volts: number;
  seriesOhm: number;
}

/**
 * Every node gets this conductance to ground so that floating nodes (a rig pole with no DUT pin,
 * a pulled-out conductor's far end) keep the matrix regular; 1e-15 S is far below any leakage
 * the scenario can set, so it does not change the answer.
 */
const FLOOR_SIEMENS = 1e-15;

/** Node voltages by nodal analysis (G·v = i), Gaussian elimination with partial pivoting. */
export function solveNodeVoltages(nodeCount: number, resistors: readonly Resistor[], drives: readonly Drive[], followers: readonly Follower[] = []): number[] {
  const g: number[][] = Array.from({ length: nodeCount }, () => new Array<number>(nodeCount).fill(0));
  const current = new Array<number>(nodeCount).fill(0);
  const row = (i: number): number[] => g[i] as number[];
  for (let i = 0; i < nodeCount; i++) row(i)[i] = FLOOR_SIEMENS;
  for (const { a, b, ohm } of resistors) {
    const siemens = 1 / ohm;
    if (a >= 0) row(a)[a] = (row(a)[a] ?? 0) + siemens;
    if (b >= 0) row(b)[b] = (row(b)[b] ?? 0) + siemens;
    if (a >= 0 && b >= 0) {
      row(a)[b] = (row(a)[b] ?? 0) - siemens;
      row(b)[a] = (row(b)[a] ?? 0) - siemens;
    }
  }
  for (const { from, to, ohm } of followers) {
    row(to)[to] = (row(to)[to] ?? 0) + 1 / ohm;
    row(to)[from] = (row(to)[from] ?? 0) - 1 / ohm;
  }
  for (const { node, volts, seriesOhm } of drives) {
    row(node)[node] = (row(node)[node] ?? 0) + 1 / seriesOhm;
    current[node] = (current[node] ?? 0) + volts / seriesOhm;
  }
  // Forward elimination.
  for (let col = 0; col < nodeCount; col++) {
    let pivot = col;
    for (let r = col + 1; r < nodeCount; r++) {
      if (Math.abs(row(r)[col] ?? 0) > Math.abs(row(pivot)[col] ?? 0)) pivot = r;
    }
    if (pivot !== col) {
      [g[col], g[pivot]] = [row(pivot), row(col)];
      [current[col], current[pivot]] = [current[pivot] ?? 0, current[col] ?? 0];
    }
    const pivotRow = row(col);
    const pivotValue = pivotRow[col] ?? 0;
    for (let r = col + 1; r < nodeCount; r++) {
      const target = row(r);
      const factor = (target[col] ?? 0) / pivotValue;
      if (factor === 0) continue;
      for (let c = col; c < nodeCount; c++) target[c] = (target[c] ?? 0) - factor * (pivotRow[c] ?? 0);
      current[r] = (current[r] ?? 0) - factor * (current[col] ?? 0);
    }
  }
  // Back substitution.
  const volts = new Array<number>(nodeCount).fill(0);
  for (let r = nodeCount - 1; r >= 0; r--) {
    const rowR = row(r);
    let sum = current[r] ?? 0;
    for (let c = r + 1; c < nodeCount; c++) sum -= (rowR[c] ?? 0) * (volts[c] ?? 0);
    volts[r] = sum / (rowR[r] ?? 1);
  }
  return volts;
}

export interface IsolationNetworkInputs {
  /** Poles the rig can switch (nodes exist for all of them, DUT or not). */
  rigPoles: number;
  /** DUT poles (1..dutPoles carry DUT elements). */
  dutPoles: number;
  /** Far-end terminal each DUT pole's near end reaches (index pole-1), 0 = open. */
  wiring: readonly number[];
  /** Near-to-far resistance of each DUT pole (index pole-1), null when its conductor is out. */
  linkOhm: readonly (number | null)[];
  shorts: readonly { poles: readonly [number, number]; ohm: number }[];
  /** Insulation between every pair of DUT poles not in `pairLeakageOhm`. */
  leakageOhm: number;
  /** Insulation of particular pairs, keyed `a-b` with a < b. */
  pairLeakageOhm?: Readonly<Record<string, number>>;
  isoDriveMask: number;
  driveV: number;
  seriesOhm: number;
  /** Node the sense input is connected to, or null when the mux is disabled. */
  sense: { end: 'near' | 'far'; pole: number } | null;
  senseInputOhm: number;
}

/** Node index of a pole's near end (0..rigPoles-1) or far-end terminal (rigPoles..2·rigPoles-1). */
export function isolationNode(rigPoles: number, end: 'near' | 'far', pole: number): number {
  return (end === 'near' ? 0 : rigPoles) + pole - 1;
}

/** Insulation between DUT poles a and b (any order). */
function pairLeakageOhm(inputs: Pick<IsolationNetworkInputs, 'leakageOhm' | 'pairLeakageOhm'>, a: number, b: number): number {
  return inputs.pairLeakageOhm?.[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? inputs.leakageOhm;
}

/** The DUT's own elements: each conductor near to far end, the insulation of every pair, the shorts. */
export function dutResistors(inputs: IsolationNetworkInputs): Resistor[] {
  const near = (pole: number): number => isolationNode(inputs.rigPoles, 'near', pole);
  const far = (pole: number): number => isolationNode(inputs.rigPoles, 'far', pole);
  const resistors: Resistor[] = [];
  for (let pole = 1; pole <= inputs.dutPoles; pole++) {
    const terminal = inputs.wiring[pole - 1] ?? 0;
    const linkOhm = inputs.linkOhm[pole - 1] ?? null;
    // A zero link would make the matrix singular; a micro-ohm is physically the same here.
    if (terminal > 0 && linkOhm !== null) resistors.push({ a: near(pole), b: far(terminal), ohm: Math.max(linkOhm, 1e-6) });
    for (let other = pole + 1; other <= inputs.dutPoles; other++) {
      resistors.push({ a: near(pole), b: near(other), ohm: pairLeakageOhm(inputs, pole, other) });
    }
  }
  for (const short of inputs.shorts) resistors.push({ a: near(short.poles[0]), b: near(short.poles[1]), ohm: Math.max(short.ohm, 1e-6) });
  return resistors;
}

/** Voltage at the sense input (before the divider); 0 when the mux is disabled. */
export function sensedVoltage(inputs: IsolationNetworkInputs): number {
  if (inputs.sense === null) return 0;
  const { rigPoles } = inputs;
  const near = (pole: number): number => isolationNode(rigPoles, 'near', pole);
  const resistors = dutResistors(inputs);
  const senseNode = isolationNode(rigPoles, inputs.sense.end, inputs.sense.pole);
  resistors.push({ a: senseNode, b: -1, ohm: inputs.senseInputOhm });
  const drives: Drive[] = [];
  for (let pole = 1; pole <= rigPoles; pole++) {
    if ((inputs.isoDriveMask >> (pole - 1)) & 1) drives.push({ node: near(pole), volts: inputs.driveV, seriesOhm: inputs.seriesOhm });
  }
  if (drives.length === 0) return 0;
  return solveNodeVoltages(2 * rigPoles, resistors, drives)[senseNode] ?? 0;
}
