import { renderText, Summary } from '../../../src/core/summary.js';
import { repeatedTables, textTables } from '../../support/text-tables.js';

const table = (version: string) => renderText(new Summary().heading(`deploy ${version}`).table(['host', 'version'], [['h1', version], ['h2', version]]));

describe('finding the tables in plain-text output (for the demo spec)', () => {
  it('finds each table renderText draws, whole, among log lines', () => {
    const output = `▸ step one\n${table('v1')}\nsome log line\n${table('v2')}`;
    expect(textTables(output)).toEqual([
      'host  version\n----  -------\nh1    v1\nh2    v1',
      'host  version\n----  -------\nh1    v2\nh2    v2',
    ]);
  });

  it('names a table printed twice, and not two tables that only share their header', () => {
    expect(repeatedTables(`${table('v1')}\n${table('v2')}`)).toEqual([]);
    expect(repeatedTables(`${table('v3')}\nlog\n\n${table('v3')}`)).toEqual([{ table: 'host  version\n----  -------\nh1    v3\nh2    v3', times: 2 }]);
  });
});
