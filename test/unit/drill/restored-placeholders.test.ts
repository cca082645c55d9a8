import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { appValues, appWithRestored, queriesWithRestored, runnerValues, unnamedRestored } from '../../../src/drill/placeholders.js';
import { parseDrillSettings, type AppBootSettings } from '../../../src/drill/settings.js';

const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h19-placeholders-'));
const DB = path.join(fixtures, 'live.db');
fs.writeFileSync(DB, '');
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

const context = { env: {}, platform: { kind: 'local' as const, supportsSummary: false, supportsAnnotations: false }, workDir: '/work' };
const parse = (values: Record<string, string>) => parseDrillSettings(new Inputs(mapInputSource(values, 'action')), context);

describe('restore-as', () => {
  it('takes a bare file name for a backup or a live database', () => {
    expect(parse({ source: 'restic', repository: '/r', password: 'p', 'restore-as': 'portal.db' }).verify.restoreAs).toBe('portal.db');
    expect(parse({ source: 'sqlite', 'database-path': DB, 'restore-as': 'app_2.sqlite3' }).verify.restoreAs).toBe('app_2.sqlite3');
    expect(parse({ source: 'restic', repository: '/r', password: 'p' }).verify.restoreAs).toBeUndefined();
  });

  it.each(['../portal.db', 'data/portal.db', '/var/lib/portal.db', '-portal.db', '.portal.db', '..', 'portal db', 'portal.db\nx', 'a'.repeat(256)])(
    'refuses %j, which is not a bare file name, naming the input and the fix',
    (value) => {
      expect(() => parse({ source: 'restic', repository: '/r', password: 'p', 'restore-as': value })).toThrow(/input 'restore-as': is not a bare file name[\s\S]*e\.g\. portal\.db/);
    },
  );

  it('is refused for source postgres, where the scratch database is named by scratch-database', () => {
    expect(() => parse({ source: 'postgres', 'pg-database': 'app', 'restore-as': 'portal.db' })).toThrow(/input 'restore-as': renames a restored SQLite file and does not apply to source postgres[\s\S]*scratch-database/);
  });
});

describe('{restored} and {restored-dir}', () => {
  const app: AppBootSettings = {
    image: 'app:1', dataMount: '/var/lib/lynx-portal', portEnv: 'PORT', healthPath: '/healthz', expectStatus: 200, timeoutMs: 1000,
    args: ['--db', '{restored}', '--port', '{port}', '--dir={restored-dir}'],
    env: { DATABASE_URL: 'sqlite:///{restored}', PLAIN: 'x' },
  };
  const sqlite = { database: '/tmp/scratch/restore/newest/var/lib/lynx-portal/portal.db', engine: 'sqlite' as const, dir: '/tmp/scratch/restore/newest/var/lib/lynx-portal' };

  it('names the database under the app data mount for the app, leaving {port} to the boot', () => {
    const filled = appWithRestored(app, appValues(sqlite, app.dataMount));
    expect(filled.args).toEqual(['--db', '/var/lib/lynx-portal/portal.db', '--port', '{port}', '--dir=/var/lib/lynx-portal']);
    expect(filled.env).toEqual({ DATABASE_URL: 'sqlite:////var/lib/lynx-portal/portal.db', PLAIN: 'x' });
  });

  it('names the runner path for the queries, on both sides of =>', () => {
    expect(queriesWithRestored([{ sql: "SELECT file FROM pragma_database_list WHERE file = '{restored}'", expected: '{restored-dir}' }], runnerValues(sqlite)))
      .toEqual([{ sql: `SELECT file FROM pragma_database_list WHERE file = '${sqlite.database}'`, expected: sqlite.dir }]);
  });

  it('names the scratch PostgreSQL database by its name, for the app and the queries alike', () => {
    const postgres = { database: 'slipway_drill_db_1', engine: 'postgres' as const, dir: '/tmp/scratch/restore' };
    expect(appValues(postgres, '/data')).toEqual({ restored: 'slipway_drill_db_1', restoredDir: '/data' });
    expect(runnerValues(postgres)).toEqual({ restored: 'slipway_drill_db_1', restoredDir: '/tmp/scratch/restore' });
  });

  it('says which inputs name {restored} when the restore holds no single database, and nothing when none do', () => {
    const none = runnerValues({ dir: '/tmp/scratch/restore' });
    expect(unnamedRestored(none, [{ input: 'queries', texts: ['SELECT 1 => 1'] }, { input: 'app-env and app-args', texts: ['--db={restored}'] }]))
      .toBe('app-env and app-args name the restored database, but the restore holds no single SQLite file to name; set database-path to the database inside the backup, or name the restored directory instead');
    expect(unnamedRestored(none, [{ input: 'queries', texts: ['{restored-dir}'] }])).toBeUndefined();
    expect(unnamedRestored(runnerValues(sqlite), [{ input: 'queries', texts: ['{restored}'] }])).toBeUndefined();
  });
});

describe('placeholders that do not exist', () => {
  const sqlite = { source: 'sqlite', 'database-path': DB };
  it.each([
    ['queries', { queries: 'SELECT 1 FROM {restored_dir} => 1' }, /^input 'queries': names \{restored_dir\}, which is not a placeholder.*\{restored-dir\}/s],
    ['app-args', { 'app-image': 'app:1', 'app-args': '--db={restore}' }, /^input 'app-args': names \{restore\}, which is not a placeholder/],
    ['app-args', { 'app-image': 'app:1', 'app-args': '--port={PORT}' }, /^input 'app-args': names \{PORT\}, which is not a placeholder.*\{port\}/s],
  ])('refuses a misspelt placeholder in %s, naming it', (_input, values, message) => {
    expect(() => parse({ ...sqlite, ...values })).toThrow(message);
  });

  it('names only the key of an app-env value that misspells one (the value is a secret)', () => {
    let message = '';
    try { parse({ ...sqlite, 'app-image': 'app:1', 'app-env': 'DB_PATH={restored-file}\nDB_PASSWORD=s3cr3t-{restorex}' }); } catch (error) { message = (error as Error).message; }
    expect(message).toMatch(/^input 'app-env': sets DB_PATH to a value naming a placeholder that does not exist/);
    expect(message).not.toContain('{restored-file}');
  });

  it('keeps the real placeholders and other braces (SQL JSON, passwords, shell ${VARIABLES}) as they are', () => {
    const settings = parse({ ...sqlite, 'app-image': 'app:1', 'app-args': '--db={restored}\n--port={port}\n--dir={restored-dir}\nsh\n-c\nexec app --port ${PORT} --db ${RESTORED_DB}', 'app-env': 'PASSWORD=a{b}c\nDB=${RESTORE_PATH:-x}', queries: `SELECT json('{"a":1}') FROM t WHERE p = '{restored}' => {"a":1}` });
    expect(settings.app?.args).toEqual(['--db={restored}', '--port={port}', '--dir={restored-dir}', 'sh', '-c', 'exec app --port ${PORT} --db ${RESTORED_DB}']);
  });

  it('refuses app-args and app-env without app-image, which no app would read', () => {
    expect(() => parse({ ...sqlite, 'app-args': 'serve --db {restored}' })).toThrow(/^input 'app-args': is set, but app-image is empty.*Set app-image/s);
    expect(() => parse({ ...sqlite, 'app-env': 'DB=1' })).toThrow(/^input 'app-env': is set, but app-image is empty/);
  });
});
