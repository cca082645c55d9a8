import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log.js';
import { localContext, runFlow } from '../../../src/core/run-flow.js';
import { drillFlow } from '../../../src/drill/flow.js';
import { allChecks } from '../../../src/drill/report.js';
import { loadSandbox } from '../../support/sandbox.js';
import { fingerprint, SEED_QUERIES, SEED_SQL, sh } from './seed.js';

// A live WAL database on an SSH host (sandbox host h1), snapshotted online over the
// ssh-deploy transport; the host keeps no temporary file afterwards.
describe('drill: SQLite on an SSH host', () => {
  const sandbox = loadSandbox();
  const host = sandbox.ssh.hosts[0];
  const dir = fs.mkdtempSync(path.join(host.baseDir, 'drill-'));
  const db = path.join(dir, 'portal.db');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-ssh-'));
  beforeAll(() => {
    sh('sqlite3', [db, SEED_SQL]);
    sh('chown', ['-R', `${sandbox.ssh.user}:`, dir]);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const tmpDrills = (): string[] => fs.readdirSync('/tmp').filter((name) => name.startsWith('slipway-drill-') && fs.statSync(path.join('/tmp', name)).uid !== 0);

  it('takes an online snapshot on the host, verifies the records, and removes its temporary copy there', async () => {
    const before = fingerprint(dir);
    const leftoversBefore = tmpDrills();
    const run = await runFlow(drillFlow, {
      source: 'sqlite', 'database-path': db, host: host.address, port: String(host.port), user: sandbox.ssh.user,
      'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath,
      queries: SEED_QUERIES, 'min-rows': 'students=3', 'scratch-root': workDir,
    }, localContext(new MemoryLogger(), { workDir }));
    expect(allChecks(run.result).filter((check) => !check.passed)).toEqual([]);
    expect(run.result.restores[0].source).toBe(`sqlite deploy@${host.address}:${host.port}:${db}`);
    expect(run.result.restores[0].tables).toEqual({ students: 3, journal_entries: 4, quiz_attempts: 3 });
    expect(fingerprint(dir)['portal.db']).toBe(before['portal.db']);
    expect(tmpDrills()).toEqual(leftoversBefore);
  });

  it('a database path that does not exist on the host fails the snapshot check', async () => {
    const run = await runFlow(drillFlow, {
      source: 'sqlite', 'database-path': path.join(dir, 'missing.db'), host: host.address, port: String(host.port), user: sandbox.ssh.user,
      'private-key': sandbox.ssh.privateKeyPath, 'known-hosts': sandbox.ssh.knownHostsPath, 'scratch-root': workDir,
    }, localContext(new MemoryLogger(), { workDir }));
    expect(run.failure).toMatch(/online snapshot over SSH \(VACUUM INTO\): deploy@127\.0\.0\.1:2201:.*missing\.db: exit 1/);
  });
});
