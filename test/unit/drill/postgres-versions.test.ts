import { compareDumpVersions, majorVersion } from '../../../src/drill/sources.js';

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
