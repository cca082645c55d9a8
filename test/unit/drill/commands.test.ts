import {
  borgEnv, borgExtract, borgList, dockerRunApp, dockerState, parseContainerState, pgRestore, resticCheck, resticEnv, resticRestore, resticSnapshots, sqliteSnapshot,
} from '../../../src/drill/commands.js';

const pg = { host: '127.0.0.1', port: 55432, user: 'slipway', password: 'pg-secret-1', maintenanceDatabase: 'postgres' };

describe('drill command builders', () => {
  it.each([
    ['online SQLite snapshot with a quote in the path', sqliteSnapshot('/srv/app.db', "/tmp/it's.db"), ['sqlite3', '-readonly', '-bail', '/srv/app.db', "VACUUM INTO '/tmp/it''s.db'"]],
    ['restic snapshots filtered by tag and path', resticSnapshots({}, { tags: ['db', 'nightly'], path: '/var/lib/app' }), ['restic', 'snapshots', '--json', '--no-lock', '--tag', 'db', '--tag', 'nightly', '--path', '/var/lib/app']],
    ['restic restore of one snapshot', resticRestore({}, 'abcdef12', '/tmp/s'), ['restic', 'restore', 'abcdef12', '--target', '/tmp/s', '--no-lock']],
    ['restic check reading a subset of data', resticCheck({}, '5%'), ['restic', 'check', '--read-data-subset=5%']],
    ['restic check of metadata only', resticCheck({}), ['restic', 'check']],
    ['borg list by archive glob', borgList({}, '/backups/repo', 'lynx-*'), ['borg', 'list', '--json', '--bypass-lock', '--glob-archives', 'lynx-*', '/backups/repo']],
    ['borg extract of one archive', borgExtract({}, '/backups/repo', 'lynx-1', '/tmp/s'), ['borg', 'extract', '/backups/repo::lynx-1']],
    ['pg_restore without owners or privileges', pgRestore(pg, 'scratch_db', '/tmp/app.pgdump'), ['pg_restore', '--no-owner', '--no-privileges', '--exit-on-error', '--no-password', "--dbname=dbname='scratch_db'", '--', '/tmp/app.pgdump']],
  ])('%s', (_name, spec, argv) => {
    expect([spec.file, ...spec.args]).toEqual(argv);
  });

  it('passes repository passwords in the environment, never in argv', () => {
    const restic = resticEnv({ repository: '/r', password: 'restic-secret-1' }, '/tmp/cache');
    expect(restic).toEqual({ RESTIC_REPOSITORY: '/r', RESTIC_CACHE_DIR: '/tmp/cache', RESTIC_PASSWORD: 'restic-secret-1' });
    expect(resticEnv({ repository: '/r', passwordCommand: 'pass show restic' }, '/c').RESTIC_PASSWORD_COMMAND).toBe('pass show restic');
    const borg = borgEnv({ password: 'borg-secret-1' }, '/tmp/borg-home');
    expect(borg).toMatchObject({ BORG_PASSPHRASE: 'borg-secret-1', BORG_BASE_DIR: '/tmp/borg-home', TZ: 'UTC' });
    expect(pgRestore(pg, 'd', '/f').env).toMatchObject({ PGPASSWORD: 'pg-secret-1', PGPORT: '55432' });
    for (const spec of [resticRestore(restic, 'id', '/t'), borgExtract(borg, '/r', 'a', '/t'), pgRestore(pg, 'd', '/f')]) {
      expect(spec.args.join(' ')).not.toMatch(/secret/);
    }
  });

  it('runs the app on the host network with the chosen port and app secrets only in the environment', () => {
    const spec = dockerRunApp({
      name: 'slipway_drill_app_1', image: 'app:1', port: 41234, portEnv: 'PORT', dataDir: '/tmp/s/restore', dataMount: '/data',
      env: { SECRET_KEY: 'app-secret-1' }, args: ['serve', '--port={port}'], label: 'dev.slipway.drill=1',
    });
    expect(spec.args).toEqual([
      'run', '--detach', '--name', 'slipway_drill_app_1', '--label', 'dev.slipway.drill=1', '--network', 'host', '-e', 'PORT=41234',
      '-e', 'SECRET_KEY', '-v', '/tmp/s/restore:/data', 'app:1', 'serve', '--port=41234',
    ]);
    expect(spec.env).toEqual({ SECRET_KEY: 'app-secret-1' });
  });

  it.each([
    ['running 0', { running: true, status: 'running', exitCode: 0 }],
    ['created 0', { running: true, status: 'created', exitCode: 0 }],
    ['exited 3', { running: false, status: 'exited', exitCode: 3 }],
    ['dead 137', { running: false, status: 'dead', exitCode: 137 }],
    ['', { running: false, status: 'gone' }],
  ])('container state line %j: an app that stopped ends the readiness wait', (line, state) => {
    expect(parseContainerState(`${line}\n`)).toEqual(state);
  });

  it('reads the app container state in one inspect', () => {
    expect(dockerState('slipway_drill_app_1')).toEqual({ file: 'docker', args: ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', 'slipway_drill_app_1'] });
  });
});

describe('database names on the PostgreSQL command line', () => {
  it('are passed as dbname=… so a value can never be read as a connection string', async () => {
    const { dbnameArgument } = await import('../../../src/drill/commands.js');
    expect(dbnameArgument('app')).toBe("--dbname=dbname='app'");
    expect(dbnameArgument("host=evil dbname=x' y\\")).toBe("--dbname=dbname='host=evil dbname=x\\' y\\\\'");
  });
});
