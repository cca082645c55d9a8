// The compose strategy's one-round-trip remote scripts, run by a real sh against a stand-in
// `docker` that logs its argv: what they print, write and refuse. The sandbox tests run them on
// real hosts with the real engine.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lookParts, lookWords, pollWords, prepareWords } from '../../../src/deploy/compose-commands.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-compose-scripts-'));
const bin = path.join(dir, 'bin');
const app = path.join(dir, 'app');
const dockerLog = path.join(dir, 'docker.log');

/** A `docker` whose answers the spec sets in files: compose-version exit code, ps output, images a tag accepts. */
function standInDocker(options: { compose?: boolean; ids?: string[]; images?: string[] } = {}): void {
  fs.writeFileSync(path.join(dir, 'ids'), (options.ids ?? []).map((id) => `${id}\n`).join(''));
  fs.writeFileSync(path.join(dir, 'images'), (options.images ?? []).map((id) => `${id}\n`).join(''));
  fs.writeFileSync(path.join(bin, 'docker'), [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${dockerLog}'`,
    'case "$1" in',
    `  compose) exit ${options.compose === false ? 1 : 0};;`,
    `  ps) cat '${dir}/ids';;`,
    '  inspect) shift 3; for id in "$@"; do echo "running||app:1|sha256:$id"; done;;',
    `  tag) grep -qx -- "$2" '${dir}/images' || { echo "Error response from daemon: No such image: $2" >&2; exit 1; };;`,
    'esac',
  ].join('\n'), { mode: 0o755 });
  fs.writeFileSync(dockerLog, '');
}

/** Runs the words with only the stand-in and the few tools the scripts use on PATH (no docker-compose). */
function run(words: string[], stdin?: string): { status: number; stdout: string; stderr: string } {
  const [, ...args] = words;
  const result = spawnSync('/bin/sh', args, { input: stdin ?? '', encoding: 'utf8', env: { PATH: bin } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of ['cat', 'cp', 'dd', 'dirname', 'grep', 'mkdir', 'mv', 'wc']) {
    fs.symlinkSync(execFileSync('/bin/sh', ['-c', 'command -v "$1"', 'which', tool], { encoding: 'utf8' }).trim(), path.join(bin, tool));
  }
});
beforeEach(() => {
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(path.join(app, '.slipway'), { recursive: true });
  fs.writeFileSync(path.join(app, 'docker-compose.yml'), 'services: {}\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SEPARATOR = 'slipway-0123456789abcdef01234567';
const look = (over: Partial<Parameters<typeof lookWords>[0]> = {}) => lookWords({
  separator: SEPARATOR, stateFile: `${app}/.slipway/s.state`, envFile: `${app}/.env`, projectName: 'shop', service: 'web',
  checks: [{ path: app, kind: 'dir', what: 'app-dir' }, { path: `${app}/docker-compose.yml`, kind: 'file', what: 'compose-file' }], ...over,
});

describe('the compose look (one round trip before a deploy)', () => {
  it('answers the compose flavor, the newest container\'s image, the state and env file as they are, with outside text inert', () => {
    standInDocker({ ids: ['newest', 'older'] });
    // A line shaped like a part header with another separator is text of the file, as is a missing last newline.
    fs.writeFileSync(`${app}/.slipway/s.state`, 'image=app:1\nslipway-ffffffffffffffffffffffff end\n');
    fs.writeFileSync(`${app}/.env`, 'PORT=8080\nTAG=1');
    const answer = run(look());
    expect(answer.status).toBe(0);
    const parts = lookParts(answer.stdout, SEPARATOR);
    expect(parts && Object.fromEntries(parts)).toEqual({
      missing: '', compose: 'v2\n', running: 'running||app:1|sha256:newest\n',
      state: 'image=app:1\nslipway-ffffffffffffffffffffffff end\n', env: 'PORT=8080\nTAG=1', end: '',
    });
    // Only the newest container is inspected; the service's containers are found by compose's labels.
    expect(fs.readFileSync(dockerLog, 'utf8')).toContain('--filter label=com.docker.compose.project=shop --filter label=com.docker.compose.service=web');
    expect(fs.readFileSync(dockerLog, 'utf8')).toMatch(/^inspect --format \{\{\.Config\.Image\}\}\|\{\{\.Image\}\} newest$/m);
  });

  it('names every missing path and looks at nothing else', () => {
    standInDocker();
    const parts = lookParts(run(look({ checks: [{ path: `${app}/nope`, kind: 'dir', what: 'app-dir' }, { path: `${app}/a (b).yml`, kind: 'file', what: 'compose-file' }] })).stdout, SEPARATOR);
    expect(parts?.get('missing')).toBe(`app-dir (${app}/nope)\ncompose-file (${app}/a (b).yml)\n`);
    expect(parts?.has('state')).toBe(false);
    expect(fs.readFileSync(dockerLog, 'utf8')).not.toMatch(/^ps /m);
  });

  it('says none on a host with neither compose, and empty parts for a service not running and files not there yet', () => {
    standInDocker({ compose: false });
    expect(lookParts(run(look()).stdout, SEPARATOR)?.get('compose')).toBe('none\n');
    standInDocker();
    const parts = lookParts(run(look({ envFile: undefined })).stdout, SEPARATOR);
    expect([parts?.get('running'), parts?.get('state'), parts?.get('env')]).toEqual(['', '', '']);
  });

  it('counts as no answer when it was cut short or a part comes twice', () => {
    expect(lookParts(`\n${SEPARATOR} missing\n\n${SEPARATOR} state\nimage=a\n`, SEPARATOR)).toBeUndefined();
    expect(lookParts(`\n${SEPARATOR} state\na\n\n${SEPARATOR} state\nb\n\n${SEPARATOR} end\n`, SEPARATOR)).toBeUndefined();
  });
});

describe('the compose prepare step (one round trip before the switch)', () => {
  it('tags the image that ran, then writes each file byte for byte from stdin, keeping the env file\'s mode', () => {
    standInDocker({ images: ['sha256:one'] });
    fs.writeFileSync(`${app}/.env`, 'PORT=1\nTAG=1\n', { mode: 0o640 });
    fs.chmodSync(`${app}/.env`, 0o640);
    const { words, stdin } = prepareWords({ imageId: 'sha256:one', tag: 'slipway-rollback:shop-web' }, [
      { path: `${app}/.slipway/s.state`, text: 'version=ü "2"\n' },
      { path: `${app}/.env`, text: 'PORT=1\nTAG=2\n', keepMode: true },
      { path: `${app}/.slipway/new/empty`, text: '' },
      { path: `${app}/.env.new`, text: 'SECRET=x', keepMode: true },
    ]);
    expect(run(words, stdin)).toMatchObject({ status: 0 });
    expect(fs.readFileSync(dockerLog, 'utf8')).toBe('tag sha256:one slipway-rollback:shop-web\n');
    expect(fs.readFileSync(`${app}/.slipway/s.state`, 'utf8')).toBe('version=ü "2"\n');
    expect(fs.readFileSync(`${app}/.env`, 'utf8')).toBe('PORT=1\nTAG=2\n');
    expect(fs.statSync(`${app}/.env`).mode & 0o777).toBe(0o640);
    expect(fs.readFileSync(`${app}/.slipway/new/empty`, 'utf8')).toBe('');
    // A new env file holds secrets: 0600.
    expect(fs.statSync(`${app}/.env.new`).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(app).concat(fs.readdirSync(`${app}/.slipway`)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The secret-bearing text went on stdin, never on the command line.
    expect(words.join(' ')).not.toContain('TAG=2');
  });

  it('exits 3 with docker\'s message when the image to pin is gone, before any file is written', () => {
    standInDocker({ images: [] });
    fs.writeFileSync(`${app}/.slipway/s.state`, 'image=app:1\n');
    const { words, stdin } = prepareWords({ imageId: 'sha256:gone', tag: 'slipway-rollback:shop-web' }, [{ path: `${app}/.slipway/s.state`, text: 'image=app:2\n' }]);
    const result = run(words, stdin);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('No such image: sha256:gone');
    expect(fs.readFileSync(`${app}/.slipway/s.state`, 'utf8')).toBe('image=app:1\n');
  });

  it('fails, leaving the old file, when stdin ends before a file\'s bytes', () => {
    standInDocker();
    fs.writeFileSync(`${app}/.slipway/s.state`, 'image=app:1\n');
    const { words } = prepareWords(undefined, [{ path: `${app}/.slipway/s.state`, text: 'image=app:2\n' }]);
    expect(run(words, 'image=').status).not.toBe(0);
    expect(fs.readFileSync(`${app}/.slipway/s.state`, 'utf8')).toBe('image=app:1\n');
  });
});

describe('the compose health poll (one round trip a poll)', () => {
  it('inspects every container of the service, stopped ones too, and prints nothing when there is none', () => {
    standInDocker({ ids: ['a1', 'b2'] });
    expect(run(pollWords('shop', 'web')).stdout).toBe('running||app:1|sha256:a1\nrunning||app:1|sha256:b2\n');
    expect(fs.readFileSync(dockerLog, 'utf8')).toMatch(/^ps -a --no-trunc .*--filter label=com\.docker\.compose\.oneoff=False/m);
    standInDocker({ ids: [] });
    expect(run(pollWords('shop', 'web')).stdout).toBe('');
  });
});
