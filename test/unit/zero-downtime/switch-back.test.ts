import { judgeSwitchBack, type SwitchBack } from '../../../src/deploy/zero-downtime/switch-back.js';

const judge = (back: SwitchBack, proxy = 'caddy') => judgeSwitchBack({ host: 'h1', cause: 'new version 2.0.0 turned red 3 s after the switch', proxy, old: { label: '1.0.0', port: 20080 }, newPort: 20081, back });

describe('after a failed switch or a red watch window, the message says what really serves', () => {
  it('the switch itself was refused and the proxy still points at the old copy: the new copy goes, the old keeps serving', () => {
    const verdict = judge({ attempted: false, proxyPorts: [20080] });
    expect(verdict).toMatchObject({ oldServes: true, removeNew: true });
    expect(verdict.fix).toBeUndefined();
    expect(verdict.message).toBe('h1: new version 2.0.0 turned red 3 s after the switch; the new copy was removed and 1.0.0 on port 20080 keeps serving');
  });
  it('the switch back worked: says so', () => {
    expect(judge({ attempted: true, proxyPorts: [20080] }).message).toMatch(/; traffic was switched back, the new copy was removed and 1\.0\.0 on port 20080 keeps serving$/);
  });
  it('the switch back failed and the proxy still points at the new copy: says so with the reason, keeps the new copy running', () => {
    const verdict = judge({ attempted: true, error: 'caddy-admin: Caddy refused the new upstream 127.0.0.1:20080 (HTTP 400: nope)', proxyPorts: [20081] });
    expect(verdict).toMatchObject({ oldServes: false, removeNew: false });
    expect(verdict.message).toBe('h1: new version 2.0.0 turned red 3 s after the switch; switching back to 1.0.0 on port 20080 failed (caddy-admin: Caddy refused the new upstream 127.0.0.1:20080 (HTTP 400: nope)); caddy points at port 20081; the new copy on port 20081 was left running, as it may still take traffic; 1.0.0 still runs on port 20080');
    expect(verdict.fix).toBe('Point caddy at port 20080 (the old version) by hand, then deploy again');
  });
  it('the switch back failed and the proxy cannot be asked: says the port is not known, keeps the new copy running', () => {
    const command = judge({ attempted: true, error: 'proxy-switch-command: exited with code 1' }, 'command');
    expect(command).toMatchObject({ oldServes: false, removeNew: false });
    expect(command.message).toContain('failed (proxy-switch-command: exited with code 1); which port command points at is not known (proxy-switch-command cannot be asked); the new copy on port 20081 was left running');
    expect(judge({ attempted: true, error: 'connection lost' }).message).toContain('which port caddy points at is not known (it did not answer, or named no loopback port)');
    expect(judge({ attempted: true, error: 'nginx -s reload failed', proxyPorts: [] }, 'nginx')).toMatchObject({ oldServes: false, removeNew: false });
  });
  it('the switch back reported an error but the proxy points at the old copy: the proxy\'s answer wins, and the error is still shown', () => {
    const verdict = judge({ attempted: true, error: 'caddy-admin: no answer within 10 s', proxyPorts: [20080] });
    expect(verdict).toMatchObject({ oldServes: true, removeNew: true });
    expect(verdict.message).toMatch(/traffic is back on the old copy \(the switch back reported: caddy-admin: no answer within 10 s; caddy points at port 20080\), the new copy was removed and 1\.0\.0 on port 20080 keeps serving$/);
  });
  it('the switch seemed refused but the proxy points at the new copy and the switch back did not move it: never "keeps serving"', () => {
    const verdict = judge({ attempted: true, proxyPorts: [20081] });
    expect(verdict).toMatchObject({ oldServes: false, removeNew: false });
    expect(verdict.message).toContain('switching back to 1.0.0 on port 20080 failed (caddy still sends traffic to port 20081); caddy points at port 20081');
    expect(verdict.message).not.toContain('keeps serving');
  });
});
