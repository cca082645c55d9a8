import { explainTaskError } from '../../../src/swarm/engine-state.js';
import { dockerSecretName, envFileText } from '../../../src/swarm/secrets.js';
import { swarmFailure } from '../../../src/swarm/report.js';
import type { SwarmResult } from '../../../src/swarm/deploy.js';

describe('task errors in words', () => {
  it.each([
    ['task: non-zero exit (143): dockerexec: unhealthy container', 'health check failing'],
    ['No such image: shop/web:9', 'image cannot be pulled'],
    ['no suitable node (scheduling constraints not satisfied on 1 node)', 'no suitable node'],
    ['task: non-zero exit (1)', 'the container exited with an error'],
  ])('%s', (error, words) => expect(explainTaskError(error)).toContain(words));
});

describe('the failure message', () => {
  const result = (outcome: 'rolled-back' | 'updated'): SwarmResult => ({
    mode: 'stack', stack: 'shop', endpoint: 'docker at unix:///x.sock', filled: [], pinned: [], durationMs: 1,
    services: [{
      service: 'shop_web', outcome, imageBefore: 'web:2', imageAfter: 'web:2', running: 2, desired: 2,
      taskError: 'task: non-zero exit (143): dockerexec: unhealthy container', why: 'health check failing',
    }],
  });
  it('names the service, the reason and what still serves', () => {
    expect(swarmFailure(result('rolled-back'))).toBe(
      'shop_web: the update was rolled back: health check failing — engine: task: non-zero exit (143): dockerexec: unhealthy container. The previous version web:2 is serving (2/2 running)',
    );
  });
  it('is silent when every service converged', () => expect(swarmFailure(result('updated'))).toBeUndefined());
});

describe('secrets', () => {
  it('names a docker secret by stack, key and value', () => {
    const name = dockerSecretName('shop', 'db_password', 'hunter22');
    expect(name).toMatch(/^shop_db_password_[a-f0-9]{12}$/);
    expect(name).toBe(dockerSecretName('shop', 'db_password', 'hunter22'));
    expect(name).not.toBe(dockerSecretName('shop', 'db_password', 'hunter23'));
  });
  it('writes env files and refuses values that span lines', () => {
    expect(envFileText({ A: '1', B: 'x y' })).toBe('A=1\nB=x y\n');
    expect(() => envFileText({ A: 'a\nB=evil' })).toThrow(/cannot span lines/);
  });
});
