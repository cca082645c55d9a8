import { HEALTH_POLL, healthPollDelay } from '../../../src/deploy/health.js';

describe('the pause between deploy health polls', () => {
  it('starts near 100 ms, not at a fixed 500 ms, and never exceeds 1 s', () => {
    const far = Date.now() + 60_000;
    expect(healthPollDelay(1, far)).toBeGreaterThanOrEqual(75);
    expect(healthPollDelay(1, far)).toBeLessThanOrEqual(100);
    expect(healthPollDelay(50, far)).toBeLessThanOrEqual(HEALTH_POLL.retryMaxDelayMs);
  });

  it('ends at the deadline, so the last poll is made at health-timeout and not after it', () => {
    expect(healthPollDelay(50, Date.now() + 30)).toBeLessThanOrEqual(30);
    expect(healthPollDelay(3, Date.now() - 5)).toBe(0);
  });
});
