import { checkSnapshotAge, compareRowCounts, parseTimestamp, verifyData, type DataProbe } from '../../../src/drill/verify.js';

/** A probe over fixed answers: the pure logic of the checks, without sqlite3. */
function fakeProbe(answers: Record<string, string[] | { error: string }>): DataProbe {
  return {
    engine: 'sqlite',
    tablesSql: 'TABLES',
    newestSql: (table, column) => `NEWEST ${table}.${column}`,
    query: async (sql) => {
      const answer = answers[sql];
      if (answer === undefined) return { error: `unexpected ${sql}` };
      return Array.isArray(answer) ? { rows: answer } : answer;
    },
  };
}

const base = { tables: [], minRows: {}, queries: [], shrinkTolerancePercent: 10 };
const now = new Date('2026-11-25T12:00:00Z');

describe('data verification', () => {
  const probe = fakeProbe({
    TABLES: ['journal', 'students'],
    'SELECT count(*) FROM "journal";': ['40'],
    'SELECT count(*) FROM "students";': ['3'],
    'SELECT name FROM students ORDER BY id': ['Ana', 'Borja', 'Chen'],
    'NEWEST journal.created_at': ['2026-11-25 09:00:00'],
  });

  it('passes when tables, row counts, queries and freshness are as expected', async () => {
    const { checks, tables } = await verifyData(probe, {
      ...base, tables: ['students'], minRows: { students: 3 }, queries: [{ sql: 'SELECT name FROM students ORDER BY id', expected: 'Ana\nBorja\nChen' }],
      freshnessColumn: 'journal.created_at', maxAgeMs: 6 * 3_600_000,
    }, { now });
    expect(checks.filter((check) => !check.passed)).toEqual([]);
    expect(checks).toHaveLength(4);
    expect(tables).toEqual({ journal: 40, students: 3 });
  });

  it('says what it saw when a table is missing, too small, a query differs or the newest row is old', async () => {
    const { checks } = await verifyData(probe, {
      ...base, tables: ['quiz_attempts'], minRows: { students: 4 }, queries: [{ sql: 'SELECT name FROM students ORDER BY id', expected: 'Ana' }],
      freshnessColumn: 'journal.created_at', maxAgeMs: 3_600_000,
    }, { now });
    expect(checks.filter((check) => !check.passed).map((check) => check.detail)).toEqual([
      'missing (tables found: journal, students)',
      '3 rows',
      'expected Ana, got Ana\nBorja\nChen',
      'newest row 2026-11-25T09:00:00.000Z, 3 h old',
    ]);
  });

  it('fails "valid but empty": a table that shrank beyond the tolerance since the last passing drill', () => {
    const checks = compareRowCounts({ students: 100, journal: 50, gone: 1 }, { students: 95, journal: 10 }, 10);
    expect(checks.map((check) => [check.passed, check.detail])).toEqual([
      [true, '100 → 95 rows (−5%)'],
      [false, '50 → 10 rows (−80%)'],
      [false, 'table gone (had 1 rows in the last passing drill)'],
    ]);
  });

  it('reads unix seconds, milliseconds, ISO-8601 and SQLite datetimes (UTC)', () => {
    expect(parseTimestamp('1764072000')?.toISOString()).toBe('2025-11-25T12:00:00.000Z');
    expect(parseTimestamp('1764072000000')?.toISOString()).toBe('2025-11-25T12:00:00.000Z');
    expect(parseTimestamp('2026-11-25T10:00:00+02:00')?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(parseTimestamp('2026-11-25 10:00:00')?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('fails a snapshot older than max-age', () => {
    expect(checkSnapshotAge(new Date('2026-11-23T12:00:00Z'), 26 * 3_600_000, now)).toMatchObject({ passed: false, detail: 'backup taken 2026-11-23T12:00:00.000Z, 2 d old' });
    expect(checkSnapshotAge(new Date('2026-11-25T02:00:00Z'), 26 * 3_600_000, now).passed).toBe(true);
  });
});
