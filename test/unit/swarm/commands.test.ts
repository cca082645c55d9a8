import { secretCreate, serviceRollback, serviceUpdateImage, stackDeploy, swarmState } from '../../../src/swarm/commands.js';

describe('swarm command builders', () => {
  it.each([
    ['a stack from the user file and the override, with registry auth',
      stackDeploy('shop', ['/srv/docker-compose.yml', '/tmp/x/slipway.override.yml']),
      ['stack', 'deploy', '--compose-file', '/srv/docker-compose.yml', '--compose-file', '/tmp/x/slipway.override.yml', '--with-registry-auth', '--detach=true', 'shop']],
    ['a stack with prune', stackDeploy('shop', ['a.yml'], { prune: true }),
      ['stack', 'deploy', '--compose-file', 'a.yml', '--with-registry-auth', '--prune', '--detach=true', 'shop']],
    ['one service to a pinned image', serviceUpdateImage('shop_web', 'reg.example/shop@sha256:' + 'a'.repeat(64)),
      ['service', 'update', '--image', 'reg.example/shop@sha256:' + 'a'.repeat(64), '--with-registry-auth', '--detach=true', 'shop_web']],
    ['the engine rollback', serviceRollback('shop_web'), ['service', 'rollback', '--detach=true', 'shop_web']],
    ['the swarm state as JSON', swarmState(), ['info', '--format', '{{json .Swarm}}']],
  ])('%s', (_name, command, expected) => {
    expect(command.args).toEqual(expected);
    expect(command.stdin).toBeUndefined();
  });

  it('creates a secret from stdin: the value is never an argument', () => {
    const command = secretCreate('shop_db_abc', 's3cret-value', { 'slipway.stack': 'shop' });
    expect(command.args).toEqual(['secret', 'create', '--label', 'slipway.stack=shop', 'shop_db_abc', '-']);
    expect(command.stdin).toBe('s3cret-value');
    expect(command.args.join(' ')).not.toContain('s3cret-value');
  });
});
