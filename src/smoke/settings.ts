import fs from 'node:fs';
import type { Inputs } from '../core/config/inputs.js';
import { parseSshInputs, type SshTarget } from '../ssh/index.js';
import type { SmokeCheck } from './check.js';
import { oneLineCheck, parseCheckList, parseConnectTarget, parseStatusExpectation, type CheckDefaults } from './check-list.js';
import { DEFAULT_SMOKE_OPTIONS, type SmokeOptions } from './run.js';

export interface SmokeSettings {
  checks: SmokeCheck[];
  options: Omit<SmokeOptions, 'connect'>;
  /** With via-ssh: reach the URLs from inside these hosts (loopback-only ports) through forwarded ports. */
  sshTargets?: SshTarget[];
}

/** Inputs → settings; every problem is raised here, before any request. */
export function parseSmokeSettings(inputs: Inputs, workDir: string): SmokeSettings {
  const describe = (name: string): string => inputs.source.describe(name);
  const failFor = (name: string) => (problem: string, fix: string): never => inputs.fail(name, problem, fix);

  const headers = inputs.keyValues('headers');
  // Lines only, masked whole and in pieces, errors by line number: `Bearer ab,cd` is one value.
  const secretHeaders = inputs.keyValues('secret-headers', { secret: true });

  const statusText = inputs.optional('expect-status');
  const connectText = inputs.optional('connect-to');
  const latency = inputs.optional('max-latency');
  const defaults: CheckDefaults = {
    headers: { ...headers, ...secretHeaders },
    versionPath: inputs.string('version-path', 'version'),
    expectStatus: statusText === undefined ? undefined : parseStatusExpectation(statusText, failFor('expect-status')),
    maxLatencyMs: latency === undefined ? undefined : inputs.duration('max-latency', 0),
    connectTo: connectText === undefined ? undefined : parseConnectTarget(connectText, failFor('connect-to')),
  };

  const checks: SmokeCheck[] = [];
  const url = inputs.optional('url');
  const expectVersion = inputs.optional('expect-version');
  if (url !== undefined) checks.push(oneLineCheck(url, describe('url'), { ...defaults, expectVersion }));
  else if (expectVersion !== undefined) inputs.fail('expect-version', 'is set without url', `Set ${describe('url')} to the health endpoint, or put \`expect-version:\` on a check in ${describe('checks')}.`);
  const listText = inputs.optional('checks');
  if (listText !== undefined) checks.push(...parseCheckList(listText, describe('checks'), defaults));
  // Inside the workspace unless an absolute path asks for elsewhere; its content is never quoted in an error.
  const listFile = inputs.localPath('checks-file', workDir, { mustExist: 'file' });
  if (listFile !== undefined) {
    let text = '';
    try {
      text = fs.readFileSync(listFile, 'utf8');
    } catch (error) {
      inputs.fail('checks-file', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Point it at a YAML file with a list of checks.');
    }
    checks.push(...parseCheckList(text, describe('checks-file'), defaults, { quote: false }));
  }
  if (checks.length === 0) {
    inputs.fail('url', 'is required when no checks are given', `Set ${describe('url')} (e.g. https://app.example.com/api/health) or a list in ${describe('checks')}.`);
  }

  const soakRequests = inputs.integer('soak-requests', 0, { min: 0, max: 1_000_000 });
  const p95 = inputs.optional('soak-max-p95');
  return {
    checks,
    sshTargets: inputs.boolean('via-ssh', false) ? parseSshInputs(inputs).targets : undefined,
    options: {
      timeoutMs: inputs.duration('timeout', DEFAULT_SMOKE_OPTIONS.timeoutMs, { min: 1 }),
      requestTimeoutMs: inputs.duration('request-timeout', DEFAULT_SMOKE_OPTIONS.requestTimeoutMs, { min: 1 }),
      consecutivePasses: inputs.integer('consecutive-passes', DEFAULT_SMOKE_OPTIONS.consecutivePasses, { min: 1, max: 100 }),
      confirmIntervalMs: DEFAULT_SMOKE_OPTIONS.confirmIntervalMs,
      retryBaseDelayMs: DEFAULT_SMOKE_OPTIONS.retryBaseDelayMs,
      retryMaxDelayMs: inputs.duration('max-retry-interval', DEFAULT_SMOKE_OPTIONS.retryMaxDelayMs),
      caCertificates: readCaBundle(inputs, workDir),
      soak: soakRequests === 0 ? undefined : {
        requests: soakRequests,
        durationMs: inputs.duration('soak-duration', 30_000, { min: 1 }),
        concurrency: inputs.integer('soak-concurrency', 4, { min: 1, max: 256 }),
        maxP95Ms: p95 === undefined ? undefined : inputs.duration('soak-max-p95', 0),
        maxErrorRate: parseRate(inputs),
      },
    },
  };
}

/** PEM text, or a path to a PEM file: the CA that signed the app's certificate (also read by the Cloudron target). */
export function readCaBundle(inputs: Inputs, workDir: string): string[] | undefined {
  const value = inputs.optional('ca-cert');
  if (value === undefined) return undefined;
  let text = value;
  if (!value.includes('-----BEGIN')) {
    // A path: inside the workspace unless an absolute path asks for elsewhere, like every file an input names.
    const file = inputs.localPath('ca-cert', workDir, { mustExist: 'file' }) ?? value;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      inputs.fail('ca-cert', `is neither PEM text nor a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)}: ${value})`, 'Give the CA certificate in PEM form, or the path to it.');
    }
  }
  const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!certificates) inputs.fail('ca-cert', 'holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)', 'Give the CA certificate in PEM form, or the path to it.');
  return certificates;
}

/** `1%`, `0.5%` or a fraction `0.01`. */
function parseRate(inputs: Inputs): number {
  const text = inputs.string('soak-max-error-rate', '0%');
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) inputs.fail('soak-max-error-rate', `is not a rate (found '${text}')`, 'Write a percentage such as 1% or 0.5%.');
  return rate;
}
