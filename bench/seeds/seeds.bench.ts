// Issue 20's seed jobs, side by side: each seed's own shell way against the same job through
// the Slipway CLI bundle and through the action bundles as a runner runs them, interleaved
// round by round, median of 5 and the median of the per-round ratios. Slipway's time is broken
// down by phase from the SLIPWAY_TIMINGS=1 lines its process runner prints, and the floors the
// jobs stand on (node start, SSH connect and round trip, compose up, a container start, a bare
// restic restore) are measured in the same run.
// SLIPWAY_SEEDS=001,002-v3 runs only some jobs; SLIPWAY_SEEDS_ROUNDS sets the rounds (default 5).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSandbox, type Sandbox } from '../../test/support/sandbox.js';
import { median } from '../stats.js';
import { ROOT, seed001, seed002, seed003, seed004, type SeedJob, type Step, type Way, type WayName } from './jobs.js';
import { breakdown, merge, overlappedMs, parseTimings, type ProcessTrace } from './phases.js';

interface StepRun { code: number; ms: number; trace: ProcessTrace; tail: string }
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

async function runWay(job: SeedJob, name: WayName, way: Way, version: string): Promise<WayRun> {
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
  job.verify(version, name);
  return { ms: total, traces };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

interface JobResult {
  job: SeedJob;
  ms: Record<WayName, number[]>;
  cliRatio: number;
  actionRatio: number;
  phases: { cli: Map<string, number>; action: Map<string, number>; cliMs: number; actionMs: number; overlapCli: number };
}

async function measureJob(job: SeedJob, rounds: number, run: string): Promise<JobResult> {
  job.setup();
  const ways: WayName[] = ['shell', 'cli', 'action'];
  const wayOf = (name: WayName) => (version: string): Way => (name === 'shell' ? job.shell(version) : name === 'cli' ? job.cli(version) : job.action(version));
  const ms: Record<WayName, number[]> = { shell: [], cli: [], action: [] };
  const traces: Record<'cli' | 'action', ProcessTrace[][]> = { cli: [], action: [] };
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
        ms[name].push(result.ms);
        if (name !== 'shell') traces[name].push(result.traces);
        process.stderr.write(`  ${job.id} round ${round + 1} ${name}: ${seconds(result.ms)}\n`);
      }
    }
  } finally {
    job.teardown();
  }
  const pairwise = (name: 'cli' | 'action'): number => median(ms[name].map((value, i) => value / (ms.shell[i] ?? value)));
  // The breakdown of the round whose time is the median one.
  const medianRound = (name: 'cli' | 'action'): number => {
    const target = median(ms[name]);
    return ms[name].findIndex((value) => value === target);
  };
  const phasesOf = (name: 'cli' | 'action'): Map<string, number> => {
    const out = new Map<string, number>();
    const roundTraces = traces[name][medianRound(name)] ?? [];
    for (const [index, trace] of roundTraces.entries()) merge(out, breakdown(trace, roundTraces.length > 1 ? `step ${index + 1}: ` : ''));
    return out;
  };
  const overlapCli = (traces.cli[medianRound('cli')] ?? []).reduce((sum, trace) => sum + overlappedMs(trace), 0);
  return {
    job, ms, cliRatio: pairwise('cli'), actionRatio: pairwise('action'),
    phases: { cli: phasesOf('cli'), action: phasesOf('action'), cliMs: median(ms.cli), actionMs: median(ms.action), overlapCli },
  };
}

// ---------------------------------------------------------------------------------------------
// Floors: what no way of doing the job can go below on this machine.
async function timeIt(file: string, args: string[], options: { env?: Record<string, string>; cwd?: string; allowFailure?: boolean } = {}): Promise<number> {
  const run = await runStep({ file, args, env: options.env ?? (process.env as Record<string, string>), cwd: options.cwd });
  if (run.code !== 0 && !options.allowFailure) throw new Error(`floor ${file} ${args.join(' ')}: exit ${run.code}: ${run.tail}`);
  return run.ms;
}

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
  const samples: Record<string, number[]> = {};
  const add = (metric: string, ms: number): void => { (samples[metric] ??= []).push(ms); };
  try {
    for (let round = 0; round < rounds; round += 1) {
      add('`node -e 0` (node start)', await timeIt(process.execPath, ['-e', '0']));
      add('`node dist/cli/index.js version` (CLI bundle start)', await timeIt(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), 'version'], { allowFailure: true }));
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
    }
  } finally {
    execFileSync('docker-compose', ['-p', 'hb-floor', '--env-file', '.env', 'down', '-t', '1'], { cwd: composeDir, stdio: 'ignore', env: { ...process.env, APP_IMAGE: sandbox.baseImage } });
    fs.rmSync(composeDir, { recursive: true, force: true });
    fs.rmSync(repoWork, { recursive: true, force: true });
  }
  return Object.entries(samples).map(([metric, values]) => ({ metric, ms: median(values) }));
}

// ---------------------------------------------------------------------------------------------
function phaseTable(result: JobResult): string[] {
  const names = [...new Set([...result.phases.cli.keys(), ...result.phases.action.keys()])];
  const cliTotal = [...result.phases.cli.values()].reduce((a, b) => a + b, 0);
  const actionTotal = [...result.phases.action.values()].reduce((a, b) => a + b, 0);
  names.sort((a, b) => (result.phases.cli.get(b) ?? 0) - (result.phases.cli.get(a) ?? 0));
  const cell = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 1000).toFixed(2));
  return [
    `#### ${result.job.title}: Slipway by phase (the median round; seconds)`,
    '',
    '| phase | CLI | action |',
    '| --- | ---: | ---: |',
    ...names.filter((name) => (result.phases.cli.get(name) ?? 0) >= 5 || (result.phases.action.get(name) ?? 0) >= 5)
      .map((name) => `| ${name.replace(/\|/g, '\\|')} | ${cell(result.phases.cli.get(name))} | ${cell(result.phases.action.get(name))} |`),
    `| phases under 5 ms each | ${cell([...result.phases.cli.values()].filter((v) => v < 5).reduce((a, b) => a + b, 0))} | ${cell([...result.phases.action.values()].filter((v) => v < 5).reduce((a, b) => a + b, 0))} |`,
    `| **total** | **${cell(cliTotal)}** | **${cell(actionTotal)}** |`,
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
  const rows = results.flatMap((result) => [
    {
      metric: `${result.job.title}: shell / CLI / action (median of ${rounds})`,
      value: `${seconds(median(result.ms.shell))} / ${seconds(median(result.ms.cli))} / ${seconds(median(result.ms.action))}`, target: '-',
    },
    { metric: `${result.job.id}: CLI ÷ shell (median of per-round ratios)`, value: `${result.cliRatio.toFixed(2)} ×`, target: '≤ 1.2 ×', ratio: result.cliRatio },
    { metric: `${result.job.id}: action ÷ shell (median of per-round ratios)`, value: `${result.actionRatio.toFixed(2)} ×`, target: '≤ 1.2 ×', ratio: result.actionRatio },
  ]);
  for (const floor of floors) rows.push({ metric: `floor: ${floor.metric} (median of ${rounds})`, value: seconds(floor.ms), target: 'floor' });
  return {
    title: 'Seed jobs: Slipway against each seed\'s own shell way (issue 20)',
    rows,
    notes: [
      'Shell ways: bench/seeds/shell/*.sh, the seeds\' own commands over one multiplexed ssh (ControlMaster); no Slipway code.',
      'CLI: dist/cli/index.js; action: the dist/ bundles as a runner starts them (node, INPUT_* for every action.yml default plus the job\'s inputs, GITHUB_OUTPUT/STEP_SUMMARY files).',
      'Rounds alternate A B C / C B A after one untimed warm-up round per way; each ratio is the median of the per-round ratios.',
      'Phases come from SLIPWAY_TIMINGS=1 (src/core/runner/process-runner.ts prints each spawned command\'s start and duration); "in-process after `X`" is time inside Node between commands (HTTP health polls through the tunnel, smoke and drill HTTP checks, report writing).',
      ...results.filter((r) => r.phases.overlapCli > 0).map((r) => `${r.job.id}: ${seconds(r.phases.overlapCli)} of the CLI's commands already ran beside others.`),
    ],
    markdown: results.flatMap(phaseTable),
  };
}
