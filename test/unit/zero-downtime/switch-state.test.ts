import { decodeSwitchState, encodeSwitchState } from '../../../src/deploy/zero-downtime/switch-state.js';

const blue = { project: 'app-blue', port: 20080, image: 'app:1', version: '1' };
const green = { project: 'app-green', port: 20081, image: 'app:2', version: '2' };

describe('the zero-downtime switch record on the host', () => {
  it('is written as the KEY=value pairs earlier releases wrote and read back (live_, pending_, previous_ prefixes)', () => {
    const record = encodeSwitchState({ live: green, previous: blue, status: 'deployed', switchedAt: '2026-01-01T00:00:00.000Z', switchMs: 42, cutConnections: 0, proxy: 'caddy' });
    expect(record).toEqual({
      live_project: 'app-green', live_port: '20081', live_image: 'app:2', live_version: '2',
      previous_project: 'app-blue', previous_port: '20080', previous_image: 'app:1', previous_version: '1',
      status: 'deployed', switched_at: '2026-01-01T00:00:00.000Z', switch_ms: '42', cut_connections: '0', proxy: 'caddy',
    });
    expect(decodeSwitchState(record)).toEqual({ live: green, previous: blue, status: 'deployed', switchedAt: '2026-01-01T00:00:00.000Z', switchMs: 42, cutConnections: 0, proxy: 'caddy' });
  });

  it('leaves out what was not recorded, and reads a copy without project or port as none', () => {
    expect(encodeSwitchState({ live: blue, pending: green, status: 'starting' })).not.toHaveProperty('previous_project');
    expect(decodeSwitchState({ live_project: 'app-blue', live_port: '', pending_port: '20081', status: 'starting' })).toEqual({ status: 'starting' });
    expect(decodeSwitchState({ live_project: 'app-blue', live_port: '20080' })).toEqual({ live: { project: 'app-blue', port: 20080, image: '', version: '' } });
  });
});
