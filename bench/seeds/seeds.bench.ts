// Issue 20's seed jobs, side by side: each seed's own shell way against the same job through
// the Slipway CLI bundle and through the action bundles as a runner runs them, interleaved
// round by round, median of 5 and the median of the per-round ratios. Slipway's time is broken
// down by phase from the SLIPWAY_TIMINGS=1 lines its process runner prints, and the floors the
// jobs stand on (node start, SSH connect and round trip, compose up, a container start, a bare
// restic restore) are measured in the same run.
// SLIPWAY_SEEDS=001,002-v3 runs only some jobs; SLIPWAY_SEEDS_ROUNDS sets the rounds (default 5).
// SLIPWAY_SEEDS_BASELINE=<another checkout with its dist/ built> adds that build's CLI and action
// ways to every round, interleaved with the others: a change measured before and after in one run.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadSandbox, type Sandbox } from '../../test/support/sandbox.js';
import { median } from '../stats.js';
import { ROOT, seed001, seed002, seed003, seed004, type SeedJob, type Step, type Way, type WayName } from './jobs.js';
import { breakdown, merge, overlappedMs, parseTimings, type ProcessTrace } from './phases.js';

interface StepRun { code: number; ms: number; trace: ProcessTrace; tail: string }

type SlipwayWay = 'cli' | 'action' | 'cli-before' | 'action-before';
type BenchWay = 'shell' | SlipwayWay;

/** The checkout whose dist/ the `-before` ways run. */
const BASELINE = process.env.SLIPWAY_SEEDS_BASELINE ? path.resolve(process.env.SLIPWAY_SEEDS_BASELINE) : undefined;

/** The same steps on the baseline's bundles: same inputs, same app dirs. */
function onBaseline(way: Way): Way {
  const dist = `${path.join(ROOT, 'dist')}/`;
  return { ...way, steps: way.steps.map((step) => ({ ...step, args: step.args.map((arg) => (arg.startsWith(dist) ? path.join(BASELINE!, 'dist', arg.slice(dist.length)) : arg)) })) };
}

/** The job's own way a bench way stands for (its app dir, its verify). */
const jobWay = (name: BenchWay): WayName => (name === 'cli-before' ? 'cli' : name === 'action-before' ? 'action' : name);
interface WayRun { ms: number; traces: ProcessTrace[] }

function runStep(step: Step): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const env = step.slipway ? { ...step.env, SLIPWAY_TIMINGS: '1' } : step.env;
    const spawned = Date.now();
    const started = performance.now();
    const child = spawn(step.file, step.args, { env, cwd: step.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout = (stdout + chunk.toString()).slice(-4000); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const exited = Date.now();
      const tail = `${stdout}\n${stderr}`.split('\n').filter((line) => line && !line.includes('slipway-timing ')).slice(-6).join(' | ');
      resolve({ code: code ?? 1, ms, trace: { spawned, exited, commands: parseTimings(stderr) }, tail });
    });
  });
}

async function runWay(job: SeedJob, name: BenchWay, way: Way, version: string): Promise<WayRun> {
  const traces: ProcessTrace[] = [];
  let total = 0;
  for (const [index, step] of way.steps.entries()) {
    const run = await runStep(step);
    total += run.ms;
    if (step.slipway) traces.push(run.trace);
    const last = index === way.steps.length - 1;
    const failed = run.code !== 0;
    if (failed !== Boolean(way.expectFailure && last)) {
      throw new Error(`${job.id} ${name} ${version}: exit ${run.code}${way.expectFailure ? ' (expected a failure)' : ''}: ${run.tail.slice(0, 600)}`);
    }
  }
  job.verify(version, jobWay(name));
  return { ms: total, traces };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

interface JobResult {
  job: SeedJob;
  ms: Partial<Record<BenchWay, number[]>>;
  ratios: Partial<Record<SlipwayWay, number>>;
  phases: Partial<Record<SlipwayWay, Map<string, number>>>;
  overlapCli: number;
  /** Slipway processes per way (a step each), every one paying node's start and its bundle's load. */
  processes: number;
}

async function measureJob(job: SeedJob, rounds: number, run: string): Promise<JobResult> {
  job.setup();
  const ways: BenchWay[] = ['shell', 'cli', 'action', ...(BASELINE ? ['cli-before', 'action-before'] as const : [])];
  const slipwayWays = ways.filter((name): name is SlipwayWay => name !== 'shell');
  const wayOf = (name: BenchWay) => (version: string): Way => {
    const own = jobWay(name);
    const way = own === 'shell' ? job.shell(version) : own === 'cli' ? job.cli(version) : job.action(version);
    return name.endsWith('-before') ? onBaseline(way) : way;
  };
  const ms: Partial<Record<BenchWay, number[]>> = Object.fromEntries(ways.map((name) => [name, []]));
  const traces: Partial<Record<SlipwayWay, ProcessTrace[][]>> = Object.fromEntries(slipwayWays.map((name) => [name, []]));
  try {
    // One untimed round first: builds the image cache, loads the bundles into the page cache.
    job.beforeRound?.(`1.${run}.900`);
    for (const [i, name] of ways.entries()) await runWay(job, name, wayOf(name)(`1.${run}.90${i + 1}`), `1.${run}.90${i + 1}`);
    for (let round = 0; round < rounds; round += 1) {
      job.beforeRound?.(`1.${run}.${round}00`);
      // A B C, then C B A: drift in the machine's load falls on every way alike.
      const order = round % 2 === 0 ? ways : [...ways].reverse();
      for (const name of order) {
        const version = `1.${run}.${round}${ways.indexOf(name) + 1}`;
        const result = await runWay(job, name, wayOf(name)(version), version);
        ms[name]!.push(result.ms);
        if (name !== 'shell') traces[name]!.push(result.traces);
        process.stderr.write(`  ${job.id} round ${round + 1} ${name}: ${seconds(result.ms)}\n`);
      }
    }
  } finally {
    job.teardown();
  }
  const pairwise = (name: SlipwayWay): number => median(ms[name]!.map((value, i) => value / (ms.shell![i] ?? value)));
  // The breakdown of the round whose time is the median one.
  const medianRound = (name: SlipwayWay): number => {
    const target = median(ms[name]!);
    return ms[name]!.findIndex((value) => value === target);
  };
  const phasesOf = (name: SlipwayWay): Map<string, number> => {
    const out = new Map<string, number>();
    const roundTraces = traces[name]![medianRound(name)] ?? [];
    for (const [index, trace] of roundTraces.entries()) merge(out, breakdown(trace, roundTraces.length > 1 ? `step ${index + 1}: ` : ''));
    return out;
  };
  const overlapCli = (traces.cli![medianRound('cli')] ?? []).reduce((sum, trace) => sum + overlappedMs(trace), 0);
  return {
    job, ms, overlapCli, processes: traces.cli![0]?.length ?? 1,
    ratios: Object.fromEntries(slipwayWays.map((name) => [name, pairwise(name)])),
    phases: Object.fromEntries(slipwayWays.map((name) => [name, phasesOf(name)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Floors: what no way of doing the job can go below on this machine.
async function timeIt(file: string, args: string[], options: { env?: Record<string, string>; cwd?: string; allowFailure?: boolean } = {}): Promise<number> {
  const run = await runStep({ file, args, env: options.env ?? (process.env as Record<string, string>), cwd: options.cwd });
  if (run.code !== 0 && !options.allowFailure) throw new Error(`floor ${file} ${args.join(' ')}: exit ${run.code}: ${run.tail}`);
  return run.ms;
}

/** What the smoke test's default flap guard costs (consecutive-passes: 3, 100 ms apart) beside one pass. */
export const SMOKE_GUARD_FLOOR = '`slipway smoke --url` of a URL that answers at once: default 3 passes in a row minus consecutive-passes 1 (the flap guard)';

async function measureFloors(sandbox: Sandbox, rounds: number): Promise<Array<{ metric: string; ms: number }>> {
  const h1 = sandbox.ssh.hosts[0]!;
  const sock = `/tmp/hb-floor-mux-${process.pid}`;
  const sshOptions = ['-p', String(h1.port), '-i', sandbox.ssh.privateKeyPath, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${sandbox.ssh.knownHostsPath}`,
    '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', `ControlPath=${sock}`];
  const target = `${sandbox.ssh.user}@${h1.address}`;
  const composeDir = `${h1.baseDir}/hb-floor-compose`;
  execFileSync('rm', ['-rf', composeDir]);
  fs.mkdirSync(composeDir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples/compose/docker-compose.yml'), `${composeDir}/docker-compose.yml`);
  fs.writeFileSync(`${composeDir}/.env`, 'PORT=47090\n');
  const compose = (image: string): Promise<number> => timeIt('docker-compose', ['-p', 'hb-floor', '--env-file', '.env', 'up', '-d', 'app'],
    { cwd: composeDir, env: { ...(process.env as Record<string, string>), APP_IMAGE: image } });
  const repoWork = fs.mkdtempSync('/tmp/hb-floor-restic-');
  const resticEnv = { ...(process.env as Record<string, string>), RESTIC_PASSWORD: 'hb-floor', RESTIC_CACHE_DIR: path.join(repoWork, 'cache') };
  const dbDir = path.join(repoWork, 'data');
  fs.mkdirSync(dbDir);
  execFileSync('sqlite3', [path.join(dbDir, 'portal.db'), 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
  execFileSync('restic', ['init', '--repo', path.join(repoWork, 'repo'), '--quiet'], { env: resticEnv, stdio: 'ignore' });
  execFileSync('restic', ['backup', '--repo', path.join(repoWork, 'repo'), '--quiet', dbDir], { env: resticEnv, stdio: 'ignore' });
  const server = http.createServer((_request, response) => response.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  const samples: Record<string, number[]> = {};
  const add = (metric: string, ms: number): void => { (samples[metric] ??= []).push(ms); };
  try {
    for (let round = 0; round < rounds; round += 1) {
      add('`node -e 0` (node start)', await timeIt(process.execPath, ['-e', '0']));
      add('`node dist/cli/index.js --version` (CLI bundle start)', await timeIt(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), '--version']));
      add('ssh-deploy bundle start to its first input error (action bundle load)', await timeIt(process.execPath, [path.join(ROOT, 'dist/ssh-deploy/index.js')],
        { env: { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true' }, allowFailure: true }));
      add('`ssh -o ControlMaster=yes -f -N` (SSH connect + auth)', await timeIt('ssh', [...sshOptions, '-o', 'ControlMaster=yes', '-o', 'ControlPersist=30', '-f', '-N', target]));
      add('`ssh -S sock host true` (one multiplexed round trip)', await timeIt('ssh', [...sshOptions, target, 'true']));
      await timeIt('ssh', [...sshOptions, '-O', 'exit', target], { allowFailure: true });
      add('`docker-compose up -d` recreating one service (new image)', await compose(round % 2 === 0 ? sandbox.baseImage : 'busybox:1.36'));
      add('`docker run --rm --network host busybox true` (a container start)', await timeIt('docker', ['run', '--rm', '--network', 'host', sandbox.baseImage, 'true']));
      const target2 = path.join(repoWork, `restore-${round}`);
      add('`restic restore latest` of the small snapshot (bare restore)', await timeIt('restic', ['restore', 'latest', '--repo', path.join(repoWork, 'repo'), '--target', target2, '--quiet'], { env: resticEnv }));
      add('`restic check` of the same repository', await timeIt('restic', ['check', '--repo', path.join(repoWork, 'repo'), '--quiet'], { env: resticEnv }));
      // The smoke test's flap guard: passes in a row, 100 ms apart, on a URL that answers at once.
      const once = await timeIt(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), 'smoke', `--url=${healthUrl}`, '--consecutive-passes=1']);
      const guarded = await timeIt(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), 'smoke', `--url=${healthUrl}`]);
      add(SMOKE_GUARD_FLOOR, Math.max(0, guarded - once));
    }
  } finally {
    server.close();
    execFileSync('docker-compose', ['-p', 'hb-floor', '--env-file', '.env', 'down', '-t', '1'], { cwd: composeDir, stdio: 'ignore', env: { ...process.env, APP_IMAGE: sandbox.baseImage } });
    fs.rmSync(composeDir, { recursive: true, force: true });
    fs.rmSync(repoWork, { recursive: true, force: true });
  }
  return Object.entries(samples).map(([metric, values]) => ({ metric, ms: median(values) }));
}

// ---------------------------------------------------------------------------------------------
const WAY_TITLES: Record<SlipwayWay, string> = { cli: 'CLI', action: 'action', 'cli-before': 'CLI before', 'action-before': 'action before' };

function phaseTable(result: JobResult): string[] {
  const columns = (Object.keys(WAY_TITLES) as SlipwayWay[]).filter((name) => result.phases[name]);
  const maps = columns.map((name) => result.phases[name]!);
  const names = [...new Set(maps.flatMap((map) => [...map.keys()]))];
  const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);
  names.sort((a, b) => (result.phases.cli!.get(b) ?? 0) - (result.phases.cli!.get(a) ?? 0));
  const cell = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 1000).toFixed(2));
  return [
    `#### ${result.job.title}: Slipway by phase (the median round; seconds)`,
    '',
    `| phase | ${columns.map((name) => WAY_TITLES[name]).join(' | ')} |`,
    `| --- |${columns.map(() => ' ---: |').join('')}`,
    ...names.filter((name) => maps.some((map) => (map.get(name) ?? 0) >= 5))
      .map((name) => `| ${name.replace(/\|/g, '\\|')} | ${maps.map((map) => cell(map.get(name))).join(' | ')} |`),
    `| phases under 5 ms each | ${maps.map((map) => cell(sum([...map.values()].filter((v) => v < 5)))).join(' | ')} |`,
    `| **total** | ${maps.map((map) => `**${cell(sum(map.values()))}**`).join(' | ')} |`,
    '',
  ];
}

export async function bench(): Promise<{ title: string; rows: Array<{ metric: string; value: string; target: string; ratio?: number }>; notes: string[]; markdown: string[] }> {
  const sandbox = loadSandbox();
  for (const bundle of ['dist/cli/index.js', 'dist/ssh-deploy/index.js', 'dist/deploy-pipeline/index.js', 'dist/smoke-test/index.js', 'dist/restore-drill/index.js']) {
    if (!fs.existsSync(path.join(ROOT, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  const rounds = Number(process.env.SLIPWAY_SEEDS_ROUNDS ?? 5);
  const only = (process.env.SLIPWAY_SEEDS ?? '').split(',').filter(Boolean);
  const run = String(Math.floor(Date.now() / 60_000) % 100_000);
  const jobs = [seed001(sandbox), seed002(sandbox, false), seed002(sandbox, true), seed003(sandbox), seed004(sandbox)]
    .filter((job) => only.length === 0 || only.includes(job.id));
  const results: JobResult[] = [];
  for (const job of jobs) {
    process.stderr.write(`seeds: ${job.title}\n`);
    results.push(await measureJob(job, rounds, run));
  }
  const floors = await measureFloors(sandbox, rounds);
  const floorOf = (start: string): number => floors.find((floor) => floor.metric.startsWith(start))?.ms ?? 0;
  // What a Slipway step pays that a shell step does not: node's start plus its bundle's load.
  const startFloor: Record<'cli' | 'action', number> = { cli: floorOf('`node dist/cli/index.js --version`'), action: floorOf('ssh-deploy bundle start') };
  const rows = results.flatMap((result) => {
    const slipwayWays = (Object.keys(WAY_TITLES) as SlipwayWay[]).filter((name) => result.ratios[name] !== undefined);
    return [
      {
        metric: `${result.job.title}: shell / ${slipwayWays.map((name) => WAY_TITLES[name]).join(' / ')} (median of ${rounds})`,
        value: ['shell' as const, ...slipwayWays].map((name) => seconds(median(result.ms[name]!))).join(' / '), target: '-',
      },
      ...slipwayWays.map((name) => ({
        metric: `${result.job.id}: ${WAY_TITLES[name]} ÷ shell (median of per-round ratios)`, value: `${result.ratios[name]!.toFixed(2)} ×`,
        target: name.endsWith('-before') ? 'before' : '≤ 1.2 ×', ratio: name.endsWith('-before') ? undefined : result.ratios[name],
      })),
      ...(['cli', 'action'] as const).map((name) => {
        const floor = median(result.ms.shell!) + result.processes * startFloor[name];
        return {
          metric: `${result.job.id}: ${WAY_TITLES[name]} ÷ (shell + ${result.processes} × the ${name === 'cli' ? 'CLI' : 'action'} bundle's start), the floor a Slipway step stands on (medians)`,
          value: `${(median(result.ms[name]!) / floor).toFixed(2)} ×`, target: '≤ 1.2 ×',
        };
      }),
      ...(result.job.checksShellSkips ?? []).length === 0 ? [] : (['cli', 'action'] as const).map((name) => {
        const skipped = result.job.checksShellSkips!;
        const floor = median(result.ms.shell!) + result.processes * startFloor[name] + skipped.reduce((sum, check) => sum + floorOf(check.floor), 0);
        return {
          metric: `${result.job.id}: ${WAY_TITLES[name]} ÷ (shell + ${result.processes} × the bundle's start + the checks the shell way skips: ${skipped.map((check) => check.what).join(', ')}) (medians)`,
          value: `${(median(result.ms[name]!) / floor).toFixed(2)} ×`, target: '≤ 1.2 ×',
        };
      }),
    ];
  });
  for (const floor of floors) rows.push({ metric: `floor: ${floor.metric} (median of ${rounds})`, value: seconds(floor.ms), target: 'floor' });
  return {
    title: 'Seed jobs: Slipway against each seed\'s own shell way (issue 20)',
    rows,
    notes: [
      'Shell ways: bench/seeds/shell/*.sh, the seeds\' own commands over one multiplexed ssh (ControlMaster); no Slipway code.',
      'CLI: dist/cli/index.js; action: the dist/ bundles as a runner starts them (node, INPUT_* for every action.yml default plus the job\'s inputs, GITHUB_OUTPUT/STEP_SUMMARY files).',
      'Rounds alternate A B C / C B A after one untimed warm-up round per way; each ratio is the median of the per-round ratios.',
      'Phases come from SLIPWAY_TIMINGS=1 (src/core/runner/process-runner.ts prints each spawned command\'s start and duration); "in-process after `X`" is time inside Node between commands (HTTP health polls through the tunnel, smoke and drill HTTP checks, report writing).',
      ...(BASELINE ? ['"before": the same jobs on the previous build\'s dist/ (SLIPWAY_SEEDS_BASELINE), interleaved in every round with the current build.'] : []),
      ...results.filter((r) => r.overlapCli > 0).map((r) => `${r.job.id}: ${seconds(r.overlapCli)} of the CLI's commands already ran beside others.`),
    ],
    markdown: results.flatMap(phaseTable),
  };
}
