import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, top to bottom: edges (actions, cli, platform, demo) → links → core.
// Imports go downward only; a link reaches another link through that link's index.ts.
const LINKS = ['deploy', 'swarm', 'drill', 'scan', 'smoke', 'image', 'preview', 'pipeline', 'ssh', 'cloudron'];
const EDGES = ['actions', 'cli', 'platform', 'demo'];

// Processes start only in the runner; a shell string would defeat argument arrays.
const processPaths = ['child_process', 'node:child_process'].map((name) => ({ name, message: 'Start processes through src/core/runner (a Runner).' }));
const actionsToolkit = { group: ['@actions/*'], message: 'The Actions toolkit belongs to src/platform (the Actions edge) and the process runner.' };
const upward = (folders, why) => ({ regex: `^(\\.\\./)+(${folders.join('|')})/`, message: why });
const coreUpward = upward([...LINKS, ...EDGES], 'The core imports nothing above it: pass what it needs in (e.g. through FlowContext).');
const intoLink = (link) => ({
  regex: `^(\\.\\./)+${link}/(?!index\\.js$)`,
  message: `Import from ${link}/index.ts (add what you need there): links reach each other only through their index.`,
});

/** One `no-restricted-imports` setting (a later block replaces an earlier one, so each carries every rule that applies). */
const restricted = ({ processes = true, toolkit = true, patterns = [] } = {}) => ['error', {
  paths: processes ? processPaths : [],
  patterns: [...(toolkit ? [actionsToolkit] : []), ...patterns],
}];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'examples/**', '**/*.cjs', '**/*.mjs', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restricted(),
    },
  },
  // The core knows no link and no edge.
  { files: ['src/core/**'], rules: { 'no-restricted-imports': restricted({ patterns: [coreUpward] }) } },
  // A link imports the core, and other links through their index.ts; never an edge.
  ...LINKS.map((link) => ({
    files: [`src/${link}/**`],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [
          upward(EDGES, 'A link does not import an edge (cli, platform, actions, demo): platform facts reach it through its FlowContext.'),
          ...LINKS.filter((other) => other !== link).map(intoLink),
        ],
      }),
    },
  })),
  // The runner is where processes start; it drives them with @actions/exec.
  { files: ['src/core/runner/**'], rules: { 'no-restricted-imports': restricted({ processes: false, toolkit: false, patterns: [coreUpward] }) } },
  // The Actions edge: the toolkit is its job.
  { files: ['src/platform/**'], rules: { 'no-restricted-imports': restricted({ toolkit: false }) } },
  // post-cleanup runs from exit and signal handlers, where only synchronous calls finish: no Runner (async) can.
  { files: ['src/platform/post-cleanup.ts'], rules: { 'no-restricted-imports': restricted({ processes: false, toolkit: false }) } },
  // init reads `git remote get-url` while it probes the project synchronously, before anything is written or run.
  { files: ['src/cli/commands/init-detect.ts'], rules: { 'no-restricted-imports': restricted({ processes: false }) } },
  // The demo's swarm engine is a detached dockerd that outlives any one command, fed by `docker save` piped as bytes.
  { files: ['src/demo/swarm-engine.ts'], rules: { 'no-restricted-imports': restricted({ processes: false }) } },
  // Outgoing HTTP goes through src/core/http/request.ts: Node 20's fetch never settles when a server accepts and
  // closes, and an AbortSignal.timeout timer keeps nothing alive, so a failed read hangs or exits 0 mid-step.
  {
    files: ['src/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use httpRequest from src/core/http/request.ts (own deadline timer, body cap, signal).' }],
      'no-restricted-properties': ['error', { object: 'AbortSignal', property: 'timeout', message: 'Its timer keeps nothing alive: give httpRequest a timeoutMs (or use a ref\'d timer of your own).' }],
    },
  },
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
);
