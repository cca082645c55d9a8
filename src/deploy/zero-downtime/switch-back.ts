/** What happened when traffic was sent back to the old copy after a failure. */
export interface SwitchBack {
  /** A switch back was tried (the proxy had been, or turned out to be, switched to the new copy). */
  attempted: boolean;
  /** Why the switch back failed; undefined when it worked or was not needed. */
  error?: string;
  /** Where the proxy sends traffic afterwards, read from the proxy; undefined when it cannot be asked or did not answer. */
  proxyPorts?: number[];
}

export interface SwitchBackVerdict {
  /** The old copy is known to take the traffic (so the new one may go). */
  oldServes: boolean;
  /** The new copy may be removed: the proxy does not (or, not asked, should not) send it traffic. */
  removeNew: boolean;
  message: string;
  fix?: string;
}

/**
 * The truth after a failed switch or a red watch window: the proxy's own answer
 * wins over what the switch calls reported. Messages never claim the old
 * version serves unless the switch back worked or the proxy says so.
 */
export function judgeSwitchBack(input: {
  host: string; cause: string; proxy: string; old: { label: string; port: number }; newPort: number; back: SwitchBack;
}): SwitchBackVerdict {
  const { host, cause, proxy, old, newPort, back } = input;
  // A proxy that names no loopback port cannot tell which copy serves.
  const ports = back.proxyPorts?.length ? back.proxyPorts : undefined;
  const oldServes = ports ? ports.includes(old.port) && !ports.includes(newPort) : back.error === undefined;
  const removeNew = ports ? !ports.includes(newPort) : back.error === undefined;
  if (oldServes) {
    const switched = !back.attempted ? '' : back.error === undefined ? 'traffic was switched back, '
      : `traffic is back on the old copy (the switch back reported: ${back.error}; ${proxy} points at port ${old.port}), `;
    return { oldServes, removeNew, message: `${host}: ${cause}; ${switched}the new copy was removed and ${old.label} on port ${old.port} keeps serving` };
  }
  const why = back.error ?? (back.attempted ? `${proxy} still sends traffic to port ${newPort}` : `${proxy} was not switched back`);
  const where = ports
    ? `${proxy} points at port ${ports.join(', ')}`
    : `which port ${proxy} points at is not known (${proxy === 'command' ? 'proxy-switch-command cannot be asked' : 'it did not answer, or named no loopback port'})`;
  const fate = removeNew ? 'the new copy was removed' : `the new copy on port ${newPort} was left running, as it may still take traffic`;
  return {
    oldServes, removeNew,
    message: `${host}: ${cause}; switching back to ${old.label} on port ${old.port} failed (${why}); ${where}; ${fate}; ${old.label} still runs on port ${old.port}`,
    fix: `Point ${proxy} at port ${old.port} (the old version) by hand, then deploy again`,
  };
}
