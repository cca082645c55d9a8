import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkStaleness, trackDrillIssue } from '../../../src/drill/forge.js';
import type { DrillReport } from '../../../src/drill/report.js';
import type { ForgeSettings } from '../../../src/drill/settings.js';

interface Recorded { method: string; url: string; body: unknown; auth?: string }

/** A tiny forge on loopback: issues in memory, runs from a fixture; records every request. */
async function startForge(runs: object | ((query: URLSearchParams) => unknown)): Promise<{ url: string; requests: Recorded[]; issues: Array<{ number: number; title: string; state: string; html_url: string }>; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const issues: Array<{ number: number; title: string; state: string; html_url: string }> = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => { text += chunk; });
    request.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      const url = request.url ?? '';
      requests.push({ method: request.method ?? '', url, body, auth: request.headers.authorization });
      const send = (status: number, payload: unknown): void => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(JSON.stringify(payload)); };
      const path = url.replace(/^\/api\/v1/, '').split('?')[0];
      if (request.method === 'GET' && path === '/repos/team/app/issues') return send(200, issues.filter((issue) => issue.state === 'open'));
      if (request.method === 'POST' && path === '/repos/team/app/issues') {
        const issue = { number: issues.length + 1, title: body.title, state: 'open', html_url: `http://forge/team/app/issues/${issues.length + 1}` };
        issues.push(issue);
        return send(201, issue);
      }
      const match = /^\/repos\/team\/app\/issues\/(\d+)(\/comments)?$/.exec(path);
      if (match) {
        const issue = issues[Number(match[1]) - 1];
        if (request.method === 'PATCH') issue.state = body.state ?? issue.state;
        return send(match[2] ? 201 : 200, match[2] ? { id: 1 } : issue);
      }
      if (request.method === 'GET' && /\/runs$/.test(path)) return send(200, typeof runs === 'function' ? runs(new URL(url, 'http://forge').searchParams) : runs);
      return send(404, { message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, issues, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const failingReport: DrillReport = { name: 'nightly', kind: 'drill', startedAt: '2026-11-25T02:00:00Z', finishedAt: '2026-11-25T02:05:00Z', passed: false, restores: [], checks: [] };
const failure = [{ name: 'newest: students has at least 3 rows', passed: false, detail: '0 rows' }];
const issueSettings = { enabled: true, title: "Restore drill 'nightly' is failing", labels: ['drill'] };

describe('drill issue on the forge', () => {
  it.each(['github', 'forgejo'] as const)('%s: opens one issue on failure, comments on it on the next failure, closes it on a pass', async (kind) => {
    const forgeServer = await startForge({});
    const forge: ForgeSettings = { kind, apiUrl: kind === 'github' ? forgeServer.url : `${forgeServer.url}/api/v1`, repository: 'team/app', token: 'forge-token-123' };
    try {
      expect(await trackDrillIssue(forge, issueSettings, failingReport, failure, 'http://forge/run/1')).toMatchObject({ action: 'opened', number: 1 });
      expect(await trackDrillIssue(forge, issueSettings, failingReport, failure)).toMatchObject({ action: 'updated', number: 1 });
      expect(forgeServer.issues).toHaveLength(1);
      expect(await trackDrillIssue(forge, issueSettings, { ...failingReport, passed: true }, [])).toMatchObject({ action: 'closed', number: 1 });
      expect(forgeServer.issues[0].state).toBe('closed');
      expect(await trackDrillIssue(forge, issueSettings, { ...failingReport, passed: true }, [])).toEqual({ action: 'none' });
      const created = forgeServer.requests.find((request) => request.method === 'POST' && request.url.endsWith('/issues'));
      expect(created?.body).toMatchObject({ title: issueSettings.title, body: expect.stringContaining('**newest: students has at least 3 rows**: 0 rows') });
      expect((created?.body as { labels?: string[] }).labels).toEqual(kind === 'github' ? ['drill'] : undefined);
      expect(forgeServer.requests.every((request) => request.auth === 'token forge-token-123')).toBe(true);
    } finally {
      await forgeServer.close();
    }
  });
});

describe('drill staleness check', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const staleness = { workflow: 'restore-drill.yml', maxAgeMs: 8 * 86_400_000, onStale: 'fail' as const };

  it('github: asks for the newest successful run of the workflow', async () => {
    const forgeServer = await startForge({ workflow_runs: [{ updated_at: '2026-11-10T02:10:00Z', conclusion: 'success', html_url: 'http://gh/run/9' }] });
    try {
      const check = await checkStaleness({ kind: 'github', apiUrl: forgeServer.url, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: false, detail: 'last success 2026-11-10T02:10:00.000Z (15.4 d ago) http://gh/run/9' });
      expect(forgeServer.requests[0].url).toBe('/repos/team/app/actions/workflows/restore-drill.yml/runs?status=success&per_page=1');
      const warned = await checkStaleness({ kind: 'github', apiUrl: forgeServer.url, repository: 'team/app', token: 't0ken-1' }, { ...staleness, onStale: 'warn' }, now);
      expect(warned).toMatchObject({ passed: false, severity: 'warning' });
    } finally {
      await forgeServer.close();
    }
  });

  it('forgejo: picks the newest successful run of this workflow among the repository runs', async () => {
    const forgeServer = await startForge({ workflow_runs: [
      { workflow_id: 'deploy.yml', status: 'success', stopped: '2026-11-25T01:00:00Z' },
      { workflow_id: 'restore-drill.yml', status: 'failure', stopped: '2026-11-24T02:00:00Z' },
      { workflow_id: 'restore-drill.yml', status: 'success', stopped: '2026-11-22T02:00:00Z', html_url: 'http://fj/run/7' },
      { workflow_id: 'restore-drill.yml', status: 'success', stopped: '2026-11-20T02:00:00Z' },
    ] });
    try {
      const check = await checkStaleness({ kind: 'forgejo', apiUrl: `${forgeServer.url}/api/v1`, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: true, detail: 'last success 2026-11-22T02:00:00.000Z (3.4 d ago) http://fj/run/7' });
    } finally {
      await forgeServer.close();
    }
  });

  // A busy repository: 120 newer successful runs of other workflows, then the drill's.
  const busy = [
    ...Array.from({ length: 120 }, (_, index) => ({ workflow_id: 'ci.yml', status: 'success', stopped: new Date(Date.parse('2026-11-25T11:00:00Z') - index * 60_000).toISOString() })),
    { workflow_id: 'restore-drill.yml', status: 'success', stopped: '2026-11-24T02:00:00Z', html_url: 'http://fj/run/3' },
  ];
  const page = (runs: typeof busy, query: URLSearchParams) => {
    const limit = Number(query.get('limit') ?? 50);
    const from = (Number(query.get('page') ?? 1) - 1) * limit;
    return { workflow_runs: runs.slice(from, from + limit), total_count: runs.length };
  };

  it("forgejo: asks for the drill workflow's runs only (workflow_id), so a busy repository does not hide them", async () => {
    const forgeServer = await startForge((query) => page(busy.filter((run) => !query.get('workflow_id') || run.workflow_id === query.get('workflow_id')), query));
    try {
      const check = await checkStaleness({ kind: 'forgejo', apiUrl: `${forgeServer.url}/api/v1`, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: true, detail: 'last success 2026-11-24T02:00:00.000Z (1.4 d ago) http://fj/run/3' });
      expect(forgeServer.requests.map((request) => request.url)).toEqual(['/api/v1/repos/team/app/actions/runs?workflow_id=restore-drill.yml&status=success&limit=50&page=1']);
    } finally {
      await forgeServer.close();
    }
  });

  it('forgejo too old for the workflow filter: pages through the runs, within a bound', async () => {
    const forgeServer = await startForge((query) => page(busy, query));
    try {
      const check = await checkStaleness({ kind: 'forgejo', apiUrl: `${forgeServer.url}/api/v1`, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: true, detail: 'last success 2026-11-24T02:00:00.000Z (1.4 d ago) http://fj/run/3' });
      expect(forgeServer.requests.map((request) => new URL(request.url, 'http://forge').searchParams.get('page'))).toEqual(['1', '2', '3']);
    } finally {
      await forgeServer.close();
    }
    // A run that never succeeded is searched for in at most 10 pages of 50.
    const endless = await startForge((query) => ({ workflow_runs: Array.from({ length: 50 }, (_, index) => ({ workflow_id: 'ci.yml', status: 'success', stopped: `2026-11-2${index % 5}T00:00:00Z` })), query: query.toString() }));
    try {
      const check = await checkStaleness({ kind: 'forgejo', apiUrl: `${endless.url}/api/v1`, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: false, detail: 'no successful run of restore-drill.yml found' });
      expect(endless.requests).toHaveLength(10);
    } finally {
      await endless.close();
    }
  });

  it('no successful run at all is stale', async () => {
    const forgeServer = await startForge({ workflow_runs: [] });
    try {
      const check = await checkStaleness({ kind: 'github', apiUrl: forgeServer.url, repository: 'team/app', token: 't0ken-1' }, staleness, now);
      expect(check).toMatchObject({ passed: false, detail: 'no successful run of restore-drill.yml found' });
    } finally {
      await forgeServer.close();
    }
  });
});
