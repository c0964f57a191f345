/**
 * The layers of clampbench, lowest first: [name, path pattern, what it holds]. The one list both
 * the import check (.ci/dependency-cruiser.cjs) and docs/ARCHITECTURE.md follow.
 */
const LAYERS = [
  ['shared', '^host/shared/', 'what every layer uses: data-file loading and validation errors, usage and plan errors, the clock, the simulated-board interface, seeded random numbers, the host limits'],
  ['protocol', '^firmware-protocol/', 'the wire protocol defined once: code and command tables, generated TS and C, the codec'],
  ['rig-definitions', '^rigs/[^/]+/rig-definition\\.ts$', "each rig kind's pins, capacities and calibration figures, validated from rig.yaml"],
  ['transport', '^host/transport/', 'byte streams to a rig: real serial ports, PTYs, a plugged-in simulator; port listing and auto-detection'],
  ['link', '^host/link/', 'lines in, typed messages out: requests and replies, retries, events and samples, the handshake'],
  ['rig-drivers', '^host/rig/', "a rig's capabilities as async methods (measure, isolate, pull, heat, safe), one driver per rig kind, and opening a rig of a kind"],
  ['standards', '^host/standards/', 'the tables of IEC 60999-1, IEC 60947-7-1, UL 486E, ISO 2859-1 and conductor sizes'],
  ['specs', '^host/specs/', 'DUT specifications (poles, rated current, conductor range)'],
  ['plans', '^host/plans/', 'test plans: schema, loading, limits resolved per pole, pre-flight against a rig'],
  ['runner', '^host/runner/', 'setup, per-pole steps and teardown of a plan on a rig; measurements, verdicts, uncertainty, the test record'],
  ['results', '^host/results/', 'the sinks of a record: journal, run.json, CSV exports, history database, HTML report, calibration records'],
  ['session', '^host/session/', 'one unit on one rig, the same for run, resume, the station and the panel: journal, plan run, reconnect and resume, outputs'],
  ['calibration-and-study', '^host/(calibration|study)/', 'calibration walks and gauge R&R studies, built on runs and their results'],
  ['station', '^host/station/', 'several rigs, serial numbers from a scanner, one attempt per unit, shift tallies and sampling'],
  ['panel', '^host/panel/', "the operator's web page and its server, on top of a station"],
  ['simulator-wiring', '^host/simulators/', "the rigs' simulators as the CLI plugs them in: in this thread or in a worker thread"],
  ['cli', '^host/cli/', 'the clampbench command: parses options, wires the simulators, renders'],
];

module.exports = { LAYERS };
