import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { parseDrillSettings } from '../../../src/drill/settings.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Files the settings name must exist on the runner: parse checks them before anything runs.
const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-hi-drill-settings-'));
const DB = path.join(fixtures, 'a.db');
const TAR = path.join(fixtures, 'a.tar');
fs.writeFileSync(DB, '');
fs.writeFileSync(TAR, '');
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

const context = { env: {}, platform: { kind: 'local' as const, supportsSummary: false, supportsAnnotations: false }, workDir: '/work' };
const parse = (values: Record<string, string>) => parseDrillSettings(new Inputs(mapInputSource(values, 'action')), context);

describe('drill settings', () => {
  it('reads a restic drill with checks and an app', () => {
    const settings = parse({
      source: 'restic', repository: '/backups/restic', password: 'repo-secret-1', 'min-rows': 'students=3\nquiz_attempts = 1',
      queries: "SELECT count(*) FROM students WHERE name = 'a=>b' => 0", 'max-age': '26h', 'app-image': 'app:1', 'also-random-older': 'true',
    });
    expect(settings.source).toMatchObject({ kind: 'restic', repository: '/backups/restic', password: 'repo-secret-1', snapshot: 'latest' });
    expect(settings.verify).toMatchObject({ minRows: { students: 3, quiz_attempts: 1 }, maxAgeMs: 26 * 3_600_000, shrinkTolerancePercent: 10 });
    expect(settings.verify.queries).toEqual([{ sql: "SELECT count(*) FROM students WHERE name = 'a=>b'", expected: '0' }]);
    // One query on one line keeps its commas.
    expect(parse({ source: 'sqlite', 'database-path': DB, queries: "SELECT group_concat(name, ',') FROM s => a,b" }).verify.queries).toEqual([{ sql: "SELECT group_concat(name, ',') FROM s", expected: 'a,b' }]);
    expect(settings.app).toMatchObject({ image: 'app:1', healthPath: '/healthz', portEnv: 'PORT', dataMount: '/data' });
    expect(settings.reportFile).toBe('/work/restore-drill-report.json');
    expect(settings.alsoRandomOlder).toBe(true);
    expect(settings.useCacheForHistory).toBe(false);
  });

  it.each([
    [{}, "input 'source': is required (expected one of sqlite, restic, borg, postgres, tarball)"],
    [{ source: 'restic', repository: '/r' }, "input 'password': is required for an encrypted repository (or set password-command)"],
    [{ source: 'sqlite', 'database-path': DB, 'min-rows': 'students=many' }, "input 'min-rows': has a count that is not a whole number (found 'students=many')"],
    [{ source: 'sqlite', 'database-path': DB, tables: 'students; DROP TABLE x' }, "input 'tables': has a table name that is not a plain identifier"],
    [{ source: 'sqlite', 'database-path': DB, queries: 'SELECT 1' }, "input 'queries': has a query without '=> expected'"],
    [{ source: 'postgres' }, "input 'dump-file': or pg-database is required for source postgres"],
    [{ source: 'tarball', tarball: TAR, volume: 'data' }, "input 'tarball': or volume is required, not both"],
    [{ mode: 'staleness' }, "input 'drill-workflow': is required"],
  ])('refuses %j before anything runs', (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });
});

describe('drill inputs that reach tools or the file system', () => {
  const local = { ...context, workDir: fixtures };

  it('takes a database input as a name, never a connection string or URI', () => {
    const postgres = (database: string) => () => parseDrillSettings(new Inputs(mapInputSource({ source: 'postgres', 'pg-database': database })), local);
    expect(postgres('host=evil dbname=app')).toThrow(/^input 'pg-database': is not a database name .*a connection string is not accepted/);
    expect(postgres('postgresql://evil/app')).toThrow(/^input 'pg-database': is not a database name/);
    expect(postgres('app_production')).not.toThrow();
  });

  it('refuses a scratch-dir that is the source, holds it, leads to it through a symlink, or is an existing file', () => {
    const drill = (values: Record<string, string>) => () => parseDrillSettings(new Inputs(mapInputSource({ source: 'sqlite', 'database-path': DB, ...values })), local);
    fs.symlinkSync(fixtures, path.join(fixtures, 'link-to-live'));
    expect(drill({ 'scratch-dir': DB })).toThrow(/^input 'scratch-dir': is the source given in database-path/);
    expect(drill({ 'scratch-dir': 'link-to-live/restore' })).not.toThrow();
    expect(drill({ 'scratch-dir': 'link-to-live' })).toThrow(/^input 'scratch-dir': is the source given in database-path/);
    const restic = { source: 'restic', repository: '/backups/r', password: 'repo-secret-1', 'database-path': '' };
    expect(drill({ ...restic, 'scratch-dir': DB })).toThrow(/^input 'scratch-dir': is an existing file, not a directory/);
  });

  it('keeps report-file inside the workspace unless an absolute path is given', () => {
    const drill = (reportFile: string) => parseDrillSettings(new Inputs(mapInputSource({ source: 'sqlite', 'database-path': DB, 'report-file': reportFile })), local).reportFile;
    expect(() => drill('../elsewhere.json')).toThrow(/^input 'report-file': points outside the workspace/);
    expect(drill('/var/tmp/report.json')).toBe('/var/tmp/report.json');
  });
});
