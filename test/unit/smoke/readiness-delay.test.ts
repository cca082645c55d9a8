import { readinessDelay } from '../../../src/smoke/readiness.js';
import { DEFAULT_SMOKE_OPTIONS } from '../../../src/smoke/run.js';

const lowest = () => 0;
const highest = () => 1;

describe('the pause between failed readiness attempts', () => {
  it('starts at 100 ms by default, so a service that turns ready soon after a deploy is found soon', () => {
    expect(readinessDelay(DEFAULT_SMOKE_OPTIONS, 1, highest)).toBe(100);
    expect(readinessDelay(DEFAULT_SMOKE_OPTIONS, 1, lowest)).toBe(75);
  });

  it('grows by half with each failure in a row, not by doubling', () => {
    const steps = [1, 2, 3, 4].map((n) => readinessDelay({ retryBaseDelayMs: 100, retryMaxDelayMs: 5000 }, n, highest));
    expect(steps).toEqual([100, 150, 225, 338]);
  });

  it('never pauses longer than max-retry-interval', () => {
    expect(readinessDelay({ retryBaseDelayMs: 100, retryMaxDelayMs: 1000 }, 30, highest)).toBe(1000);
    expect(readinessDelay({ retryBaseDelayMs: 100, retryMaxDelayMs: 1000 }, 30, lowest)).toBe(750);
  });
});
