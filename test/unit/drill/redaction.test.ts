import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { clearSecretsForTest, isRegisteredSecret, redact } from '../../../src/core/secrets.js';
import { registerLocationCredentials, withoutCredentials } from '../../../src/drill/credentials.js';
import { describeSource } from '../../../src/drill/drill.js';
import { issueBody } from '../../../src/drill/forge.js';
import { drillSummary, writeReportFile, type DrillReport } from '../../../src/drill/report.js';
import { parseDrillSettings } from '../../../src/drill/settings.js';
import { renderText } from '../../../src/core/summary.js';

// Files the settings name must exist on the runner: parse checks them before anything runs.
const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hi-drill-settings-'));
const DB = path.join(fixtures, 'a.db');
const TAR = path.join(fixtures, 'a.tar');
fs.writeFileSync(DB, '');
fs.writeFileSync(TAR, '');
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

const context = { env: {}, platform: { kind: 'local' as const, supportsSummary: false, supportsAnnotations: false }, workDir: '/work' };
const parse = (values: Record<string, string>) => parseDrillSettings(new Inputs(mapInputSource(values, 'action')), context);

// The app's environment and a repository URL's credentials are secrets: they
// reach no report file, issue body, summary or log.
describe('drill redaction', () => {
  beforeEach(() => clearSecretsForTest());

  it('registers every app-env value as a secret', () => {
    parse({ source: 'sqlite', 'database-path': DB, 'app-image': 'app:1', 'app-env': 'DATABASE_URL=postgres://app:db-pass-31@db/app\nAPI_KEY=k3y-value-9' });
    expect(isRegisteredSecret('postgres://app:db-pass-31@db/app')).toBe(true);
    expect(isRegisteredSecret('k3y-value-9')).toBe(true);
  });

  it.each([
    ['rest:https://drill:p%40ss-w0rd@backup.example.com:8000/portal', 'rest:https://drill:***@backup.example.com:8000/portal', ['p%40ss-w0rd', 'p@ss-w0rd']],
    ['s3:https://AKIAEXAMPLE:wJalrXUtnFEMI-secret@minio.local/bucket', 's3:https://AKIAEXAMPLE:***@minio.local/bucket', ['wJalrXUtnFEMI-secret']],
    ['rest:https://tok3n-only-value@backup.example.com/portal', 'rest:https://***@backup.example.com/portal', ['tok3n-only-value']],
    // A login name over ssh/sftp is no secret, and a plain path has no userinfo.
    ['ssh://borg@offsite.example.com/./repo', 'ssh://borg@offsite.example.com/./repo', []],
    ['sftp:backup@host:/srv/restic', 'sftp:backup@host:/srv/restic', []],
    ['/backups/restic', '/backups/restic', []],
  ])('%s is shown as %s, and its secret part is registered', (location, shown, secrets) => {
    expect(withoutCredentials(location)).toBe(shown);
    registerLocationCredentials(location);
    for (const secret of secrets) expect(isRegisteredSecret(secret)).toBe(true);
    expect(redact(`Fatal: unable to open ${location}`)).not.toMatch(/p%40ss|p@ss-w0rd|wJalr|tok3n/);
  });

  it('parsing a restic source registers the credentials in its repository URL', () => {
    parse({ source: 'restic', repository: 'rest:https://drill:url-pass-77@host/r', password: 'repo-secret-1' });
    expect(isRegisteredSecret('url-pass-77')).toBe(true);
  });

  const leaking: DrillReport = {
    name: 'nightly', kind: 'drill', startedAt: '2026-11-25T02:00:00Z', finishedAt: '2026-11-25T02:05:00Z', passed: false, checks: [],
    restores: [{
      label: 'newest', source: 'restic /r', sizes: {}, tables: {}, passed: false,
      checks: [{ name: 'app boots on the restored data', passed: false, detail: 'the app exited; app log: connecting with s3cret-db-pass' }],
    }],
  };

  it('the report file is redacted', () => {
    parse({ source: 'sqlite', 'database-path': DB, 'app-image': 'app:1', 'app-env': 'DB_PASSWORD=s3cret-db-pass' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drill-report-')), 'report.json');
    writeReportFile(leaking, file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cret-db-pass');
    expect(JSON.parse(text).restores[0].checks[0].detail).toBe('the app exited; app log: connecting with ***');
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('the report file stays valid JSON when an app-env value reads like JSON, and a secret with a quote is still masked', () => {
    parse({ source: 'sqlite', 'database-path': DB, 'app-image': 'app:1', 'app-env': 'DEBUG=false\nDB_PASSWORD=pa"ss\\word-9' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drill-report-')), 'report.json');
    const quoting = { ...leaking, restores: [{ ...leaking.restores[0], checks: [{ name: 'app boots', passed: false, detail: 'login with pa"ss\\word-9 refused' }] }] };
    writeReportFile(quoting, file);
    const text = fs.readFileSync(file, 'utf8');
    const read = JSON.parse(text) as DrillReport;
    expect(read.passed).toBe(false);
    expect(read.restores[0].checks[0].detail).toBe('login with *** refused');
    expect(text).not.toContain('word-9');
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('the issue body posted to the forge is redacted', () => {
    parse({ source: 'sqlite', 'database-path': DB, 'app-image': 'app:1', 'app-env': 'DB_PASSWORD=s3cret-db-pass' });
    const body = issueBody(leaking, leaking.restores[0].checks, 'http://forge/run/1');
    expect(body).toContain('**app boots on the restored data**: the app exited; app log: connecting with ***');
    expect(body).not.toContain('s3cret-db-pass');
  });

  it('the summary and report name the repository without its credentials', () => {
    const settings = parse({ source: 'restic', repository: 'rest:https://drill:url-pass-77@host/r', password: 'repo-secret-1' });
    expect(settings.source).toMatchObject({ repository: 'rest:https://drill:url-pass-77@host/r' });
    expect(describeSource(settings)).toBe('restic rest:https://drill:***@host/r');
    const text = renderText(drillSummary({ ...leaking, restores: [{ ...leaking.restores[0], source: describeSource(settings) }] }));
    expect(text).toContain('restic rest:https://drill:***@host/r');
  });
});
