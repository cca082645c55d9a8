import * as cache from '@actions/cache';
import { runnerNamesCacheService } from '../../../src/platform/actions-edge.js';

const VARIABLES = ['ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_SERVICE_V2', 'GITHUB_SERVER_URL'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('whether the runner names a cache service (asked before @actions/cache is loaded)', () => {
  it('says no on a runner with neither cache variable, where the library says no too', () => {
    for (const name of VARIABLES) delete process.env[name];
    expect(runnerNamesCacheService()).toBe(false);
    expect(cache.isFeatureAvailable()).toBe(false);
  });

  it('never says no where the library would say yes (GitHub v1 and v2, Forgejo, GHES)', () => {
    const runners: Array<Partial<Record<(typeof VARIABLES)[number], string>>> = [
      { ACTIONS_CACHE_URL: 'http://127.0.0.1:1/' },
      { ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/', ACTIONS_CACHE_SERVICE_V2: 'true' },
      { ACTIONS_CACHE_URL: 'http://127.0.0.1:1/', GITHUB_SERVER_URL: 'https://code.example.com' },
      { ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/', ACTIONS_CACHE_SERVICE_V2: 'true', GITHUB_SERVER_URL: 'https://ghes.example.com' },
      { ACTIONS_CACHE_SERVICE_V2: 'true' },
    ];
    for (const runner of runners) {
      for (const name of VARIABLES) delete process.env[name];
      Object.assign(process.env, runner);
      if (cache.isFeatureAvailable()) expect(runnerNamesCacheService()).toBe(true);
    }
    process.env.ACTIONS_CACHE_URL = 'http://127.0.0.1:1/';
    expect(runnerNamesCacheService()).toBe(true);
  });
});
