import { ESLint } from 'eslint';

// The lint keeps fetch out of product code, so a new caller cannot bring the Node 20 hang back.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties').map((m) => m.message);
}

describe('outgoing HTTP in product code', () => {
  it.each([
    ['src/image/fixture.ts', "export const x = fetch('http://127.0.0.1:5000/v2/');", /httpRequest from src\/core\/http\/request\.ts/],
    ['src/drill/fixture.ts', 'export const x = AbortSignal.timeout(30_000);', /keeps nothing alive/],
  ])('is refused in %s: %s', async (file, code, message) => {
    const messages = await ruleMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it('stays allowed in tests', async () => {
    expect(await ruleMessages('test/unit/fixture.test.ts', "export const x = fetch('http://127.0.0.1:1/');")).toEqual([]);
  });
});
