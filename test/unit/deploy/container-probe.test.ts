import { parseHealthProbe, probeWords } from '../../../src/deploy/container-probe.js';

const ID = 'c79f98a04a2176a6ce0469b54e8e850079f10383fd5c1db811ec08518c183a4f';
const printed = (shell: unknown, check: unknown, id = ID) => `${id}\t${JSON.stringify(shell)}\t${JSON.stringify(check)}`;

describe('running a container\'s own health check at once', () => {
  it('runs a CMD-SHELL check with /bin/sh -c, within the check\'s own timeout', () => {
    const probe = parseHealthProbe(printed(null, { Test: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/api/health || exit 1'], Interval: 2e9, Timeout: 2e9, Retries: 10 }));
    expect(probe).toEqual({ containerId: ID, command: ['/bin/sh', '-c', 'wget -qO- http://127.0.0.1:8080/api/health || exit 1'], timeoutMs: 2000 });
    expect(probeWords(probe!)).toEqual(['docker', 'exec', ID, '/bin/sh', '-c', 'wget -qO- http://127.0.0.1:8080/api/health || exit 1']);
  });

  it('uses the image\'s SHELL for CMD-SHELL, as Docker does', () => {
    expect(parseHealthProbe(printed(['/bin/bash', '-o', 'pipefail', '-c'], { Test: ['CMD-SHELL', 'curl -f localhost | grep ok'] }))?.command)
      .toEqual(['/bin/bash', '-o', 'pipefail', '-c', 'curl -f localhost | grep ok']);
  });

  it('runs a CMD check as its argv, and takes Docker\'s 30 s when the check sets no timeout', () => {
    expect(parseHealthProbe(printed(null, { Test: ['CMD', '/healthcheck', '--quiet'] }))).toEqual({ containerId: ID, command: ['/healthcheck', '--quiet'], timeoutMs: 30_000 });
  });

  it.each([
    ['no health check', printed(null, null)],
    ['a disabled one (NONE)', printed(null, { Test: ['NONE'] })],
    ['an empty CMD', printed(null, { Test: ['CMD'] })],
    ['CMD-SHELL with two words', printed(null, { Test: ['CMD-SHELL', 'a', 'b'] })],
    ['a Test that is not a list of words', printed(null, { Test: 'wget localhost' })],
    ['a container ID that is not 64 hex digits', printed(null, { Test: ['CMD', 'true'] }, '--privileged')],
    ['unreadable JSON', `${ID}\tnull\t{"Test":`],
    ['a poll from an older build (no probe fields)', ''],
  ])('gives nothing to run for %s', (_what, text) => {
    expect(parseHealthProbe(text)).toBeUndefined();
  });
});
