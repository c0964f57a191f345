/**
 * The import rules of clampbench for dependency-cruiser. A module may import from its own layer
 * (.ci/layers.cjs) and the layers before it, never from a later one; no modules import each other in a circle.
 * Rig simulators are plug-ins: they see only the shared basics, the protocol and the rig
 * definitions, and only the CLI (and its wiring in host/simulators) imports them.
 * `npm run check:layers` runs this; `.ci/run` too.
 */
const { LAYERS } = require('./layers.cjs');

const SIMULATORS = '^rigs/[^/]+/sim/';
// Firmware build and code-generation scripts, and the generators of docs/RIG.md: tools run beside the host, never part of it.
const RIG_TOOLS = '^rigs/[^/]+/(firmware|docs)/';

const layerRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} may import only ${LAYERS.slice(0, i + 1).map(([n]) => n).join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => p).concat(RIG_TOOLS) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'simulators-are-plug-ins',
      comment: 'only the CLI and host/simulators wire in a rig simulator; the rest sees the simulated-board interface in host/shared',
      severity: 'error',
      from: { pathNot: `^host/(cli|simulators)/|${SIMULATORS}|^test/` },
      to: { path: SIMULATORS },
    },
    {
      name: 'simulators-see-only-basics',
      comment: 'a rig simulator imports the shared basics, the protocol, rig definitions and other simulators',
      severity: 'error',
      from: { path: SIMULATORS },
      to: { path: `^host/|${RIG_TOOLS}`, pathNot: '^host/shared/' },
    },
    {
      name: 'rig-tools-see-only-basics',
      comment: 'firmware build and code-generation scripts and the wiring generator import the shared basics, the protocol and rig definitions',
      severity: 'error',
      from: { path: RIG_TOOLS },
      to: { path: '^(host/|rigs/[^/]+/sim/)', pathNot: '^host/shared/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^(host|rigs|firmware-protocol)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'modules import one way: a circle means two modules each need the other at run time (a type-only import back is allowed)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
