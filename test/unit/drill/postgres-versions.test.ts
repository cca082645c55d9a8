import { compareDumpVersions, majorVersion, parseDumpHeader } from '../../../src/drill/sources/index.js';
import { settingsWarnings } from '../../../src/drill/settings.js';

// As `TZ=UTC pg_restore --list` prints it (PostgreSQL 15).
const LISTING = `;
; Archive created at 2026-11-30 22:15:42 UTC
;     dbname: app
;     TOC Entries: 4
;     Compression: -1
;     Dump Version: 1.14-0
;     Format: CUSTOM
;     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)
;     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)
;
`;

describe('pg_dump archive header', () => {
  it('gives the versions, the database name and when the dump was made (the RPO of a dump file)', () => {
    expect(parseDumpHeader(LISTING)).toEqual({
      dumpTool: '15.18 (Debian 15.18-0+deb12u1)',
      dumpedFromServer: '15.18 (Debian 15.18-0+deb12u1)',
      dbname: 'app',
      createdAt: new Date('2026-11-30T22:15:42Z'),
    });
    expect(parseDumpHeader('pg_restore: error: input file is too short')).toEqual({ dumpTool: undefined, dumpedFromServer: undefined, dbname: undefined, createdAt: undefined });
  });
});

describe('settings that do less than they seem to', () => {
  const verify = { tables: [], minRows: {}, queries: [], shrinkTolerancePercent: 10 };
  it('freshness-column without max-age is a warning: the newest row would never be checked', () => {
    expect(settingsWarnings({ verify: { ...verify, freshnessColumn: 'students.created_at' } })).toEqual([{
      name: 'freshness-column has a max-age', passed: false, severity: 'warning',
      detail: 'freshness-column students.created_at is set without max-age, so the newest row is never checked. Set max-age (e.g. 26h)',
    }]);
    expect(settingsWarnings({ verify: { ...verify, freshnessColumn: 'students.created_at', maxAgeMs: 3_600_000 } })).toEqual([]);
    expect(settingsWarnings({ verify })).toEqual([]);
  });
});

describe('pg_dump version against the servers', () => {
  it.each([
    ['15.18 (Debian 15.18-0+deb12u1)', '15'],
    ['pg_dump (PostgreSQL) 16.4', '16'],
    ['9.6.24', '9.6'],
    ['', undefined],
  ])('%j has major version %j', (version, major) => {
    expect(majorVersion(version)).toBe(major);
  });

  it('the same major everywhere passes and says what was seen', () => {
    expect(compareDumpVersions({ dumpTool: '15.18', dumpedFromServer: '15.18', server: '15.4 (Debian)' })).toEqual({
      name: 'pg_dump version matches the server', passed: true, detail: 'dump by pg_dump 15.18 from server 15.18, restored into server 15.4 (Debian)',
    });
  });

  it.each([
    [{ dumpTool: '14.11', dumpedFromServer: '15.18', server: '15.18' }, 'pg_dump 14 dumped a 15 server; pg_dump 14 dump restored into a 15 server'],
    [{ dumpTool: '16.2', dumpedFromServer: '16.2', server: '15.18' }, 'pg_dump 16 dump restored into a 15 server'],
    [{ dumpTool: '9.6.24', dumpedFromServer: '9.5.25', server: '9.6.24' }, 'pg_dump 9.6 dumped a 9.5 server'],
  ])('a different major is a warning, not a silent pass: %j', (versions, differences) => {
    expect(compareDumpVersions(versions)).toMatchObject({ passed: false, severity: 'warning', detail: expect.stringContaining(`major versions differ (${differences})`) });
  });

  it('says nothing when the dump header could not be read', () => {
    expect(compareDumpVersions({ server: '15.18' })).toBeUndefined();
  });
});
