import fs from 'node:fs';
import { MemoryLogger } from '../../../src/core/log.js';
import { deployFlow } from '../../../src/deploy/flow.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { buildTestImage, hosts, httpGet, removeProject, runner, sandbox, sshValues } from './support.js';

// A host as seed 000 has it: the compose file reads the tag from `.env` (`image: app:${TAG}`), and
// the team runs plain `docker-compose up -d` in the app directory. After every Slipway deploy and
// rollback, that plain command must start exactly what Slipway left running.

const [h1] = hosts;
const PORT = 18491;
// No compose-project: the project is the directory's name, as for the team's own command.
const APP = 'h19d-compose-var';
const appDir = `${h1.baseDir}/${APP}`;
const COMPOSE_FILE = [
  'services:',
  '  app:',
  '    image: slipway-deploy-test:${TAG}',
  '    network_mode: host',
  '    environment:',
  '      PORT: ${PORT}',
  '',
].join('\n');
const ENV_FILE = `# the team's env file\nPORT=${PORT}\nTAG=1.0.0\nAPP_SECRET=keep-me\n`;

/** The team's own compose command, run in app-dir with nothing but what is on disk. */
const userCompose = (...args: string[]) => runner.run({ file: 'docker-compose', args, cwd: appDir, cleanEnv: true });
const configuredImage = async () => /image: (\S+)/.exec((await userCompose('config')).stdout)?.[1];
const runningImageId = async () => {
  const id = (await runner.run({ file: 'docker', args: ['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${APP}`, '--filter', 'label=com.docker.compose.oneoff=False'] })).stdout.trim();
  return (await runner.run({ file: 'docker', args: ['inspect', '--format', '{{.Image}}', id] })).stdout.trim();
};
const imageId = async (ref: string) => (await runner.run({ file: 'docker', args: ['image', 'inspect', '--format', '{{.Id}}', ref] })).stdout.trim();

/** The user's plain `up -d` after Slipway: same image, same container (nothing to recreate), same answer. */
async function expectUserUpReproduces(tag: string): Promise<void> {
  expect(await configuredImage()).toBe(`slipway-deploy-test:${tag}`);
  const before = await runningImageId();
  expect(before).toBe(await imageId(`slipway-deploy-test:${tag}`));
  await userCompose('up', '-d');
  expect(await runningImageId()).toBe(before);
  expect(await httpGet(PORT)).toContain(`"version":"${tag}"`);
}

function values(extra: Record<string, string>): Record<string, string> {
  return {
    ...sshValues([h1]), strategy: 'compose', 'app-dir': appDir, service: 'app', 'image-variable': 'TAG', pull: 'false',
    'health-url': `http://127.0.0.1:${PORT}/api/health`, 'health-expect': '"version":"{version}"', 'health-timeout': '20s', ...extra,
  };
}

describe('ssh-deploy compose with image-variable (the tag lives in the team\'s .env)', () => {
  beforeAll(async () => {
    await Promise.all([buildTestImage('1.0.0'), buildTestImage('2.0.0'), buildTestImage('3.0.0-broken', { healthy: false })]);
    await removeProject(APP);
    await runner.run({ file: 'rm', args: ['-rf', appDir] });
    fs.mkdirSync(appDir, { recursive: true });
    fs.writeFileSync(`${appDir}/docker-compose.yml`, COMPOSE_FILE);
    fs.writeFileSync(`${appDir}/.env`, ENV_FILE, { mode: 0o600 });
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', appDir] });
    // The host as it is before Slipway: the team started 1.0.0 with its own command.
    await userCompose('up', '-d');
  });
  afterAll(async () => removeProject(APP));

  it('deploys env TAG=2.0.0 (no image) into .env, and the team\'s own `up -d` then runs 2.0.0; a rollback puts 1.0.0 back the same way', async () => {
    const log = new MemoryLogger();
    const deployed = await runFlow(deployFlow, values({ env: 'TAG=2.0.0' }), localContext(log));
    expect(deployed.failure).toBeUndefined();
    expect(deployed.outputs).toMatchObject({ version: '2.0.0', 'rolled-back': 'false' });
    // Only the TAG line changed; the file keeps its other lines and its 0600 mode; no override pins another image.
    expect(fs.readFileSync(`${appDir}/.env`, 'utf8')).toBe(ENV_FILE.replace('TAG=1.0.0', 'TAG=2.0.0'));
    expect(fs.statSync(`${appDir}/.env`).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(`${appDir}/.slipway`).filter((name) => name.endsWith('.override.json'))).toEqual([]);
    await expectUserUpReproduces('2.0.0');

    const rolledBack = await runFlow(deployFlow, values({ mode: 'rollback' }), localContext(log));
    expect(rolledBack.failure).toBeUndefined();
    expect(rolledBack.outputs).toMatchObject({ version: '1.0.0', 'previous-version': '2.0.0' });
    expect(fs.readFileSync(`${appDir}/.env`, 'utf8')).toBe(ENV_FILE);
    await expectUserUpReproduces('1.0.0');
  });

  it('with image given, writes its tag alone where TAG holds a tag; a failed health check puts the old line back', async () => {
    const log = new MemoryLogger();
    const failed = await runFlow(deployFlow, values({ image: 'slipway-deploy-test:3.0.0-broken', 'health-timeout': '8s' }), localContext(log));
    expect(failed.failure).toMatch(/rolled back, the old version 1\.0\.0 is serving again/);
    expect(fs.readFileSync(`${appDir}/.env`, 'utf8')).toBe(ENV_FILE);
    await expectUserUpReproduces('1.0.0');

    const deployed = await runFlow(deployFlow, values({ image: 'slipway-deploy-test:2.0.0' }), localContext(log));
    expect(deployed.failure).toBeUndefined();
    expect(fs.readFileSync(`${appDir}/.env`, 'utf8')).toBe(ENV_FILE.replace('TAG=1.0.0', 'TAG=2.0.0'));
    await expectUserUpReproduces('2.0.0');
  });
});

describe('ssh-deploy compose with image-variable, deploying the digest the pipeline pushed', () => {
  const DIGEST_PORT = 18492;
  const DIGEST_APP = 'h19d-compose-digest';
  const dir = `${h1.baseDir}/${DIGEST_APP}`;
  const repo = `${sandbox.registries.anonymous.address}/h19d/app`;
  let digest = '';
  const inDir = (...args: string[]) => runner.run({ file: 'docker-compose', args, cwd: dir, cleanEnv: true });

  beforeAll(async () => {
    await buildTestImage('2.0.0');
    await runner.run({ file: 'docker', args: ['tag', 'slipway-deploy-test:2.0.0', `${repo}:2.0.0`] });
    await runner.run({ file: 'docker', args: ['push', '-q', `${repo}:2.0.0`] });
    digest = (await runner.run({ file: 'docker', args: ['inspect', '--format', '{{index .RepoDigests 0}}', `${repo}:2.0.0`] })).stdout.trim().replace(/^.*@/, '');
    await removeProject(DIGEST_APP);
    await runner.run({ file: 'rm', args: ['-rf', dir] });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}/docker-compose.yml`, COMPOSE_FILE.replace('slipway-deploy-test:', `${repo}:`));
    fs.writeFileSync(`${dir}/.env`, `PORT=${DIGEST_PORT}\nTAG=1.0.0\n`);
    await runner.run({ file: 'chown', args: ['-R', 'deploy:deploy', dir] });
  });
  afterAll(async () => removeProject(DIGEST_APP));

  it('writes TAG=<version>@<digest>, and the team\'s own config and up -d resolve and keep that digest', async () => {
    const log = new MemoryLogger();
    const run = await runFlow(deployFlow, {
      ...values({ image: `${repo}@${digest}`, version: '2.0.0', pull: 'true' }), 'app-dir': dir, 'health-url': `http://127.0.0.1:${DIGEST_PORT}/api/health`,
    }, localContext(log));
    expect(run.failure).toBeUndefined();
    expect(fs.readFileSync(`${dir}/.env`, 'utf8')).toBe(`PORT=${DIGEST_PORT}\nTAG=2.0.0@${digest}\n`);
    expect(/image: (\S+)/.exec((await inDir('config')).stdout)?.[1]).toBe(`${repo}:2.0.0@${digest}`);
    await inDir('up', '-d');
    expect(await httpGet(DIGEST_PORT)).toContain('"version":"2.0.0"');
  });
});
