import { parse as parseYaml } from 'yaml';

/**
 * Why a compose service cannot run as a second copy beside itself, read from
 * `compose config` (the merged, interpolated model). Each problem names the
 * field and the fix; checked before anything starts.
 */
export function runTwiceProblems(configYaml: string, service: string): string[] {
  const model = parseYaml(configYaml) as { services?: Record<string, Record<string, unknown>> } | null;
  const definition = model?.services?.[service];
  if (!definition) return [`service '${service}' is not in the compose files (found ${Object.keys(model?.services ?? {}).join(', ') || 'no services'})`];
  const problems: string[] = [];
  if (definition.container_name !== undefined) {
    problems.push(`services.${service}.container_name is set (found '${String(definition.container_name)}'): Docker allows one container per name, so the new copy cannot start beside the old one. Remove container_name; Slipway names each copy by its compose project`);
  }
  const ports = Array.isArray(definition.ports) ? definition.ports : [];
  if (ports.length > 0) {
    const shown = ports.map((port) => (typeof port === 'object' && port ? `${String((port as Record<string, unknown>).published ?? '')}:${String((port as Record<string, unknown>).target ?? '')}` : String(port))).join(', ');
    problems.push(`services.${service}.ports publishes host ports (found ${shown}): two copies cannot bind the same host port. Remove ports:, use network_mode: host and have the app listen on $PORT (Slipway gives each copy its own port from slot-ports)`);
  }
  if (definition.network_mode !== 'host') {
    problems.push(`services.${service}.network_mode is not host (found ${String(definition.network_mode ?? 'a bridge network')}): the proxy reaches each copy on a host port. Set network_mode: host and have the app listen on $PORT`);
  }
  return problems;
}

/** The override Slipway keeps per copy: the image and the port the copy listens on. JSON is YAML. */
export function renderSlotOverride(service: string, image: string, portEnv: string, port: number): string {
  return `${JSON.stringify({ services: { [service]: { image, environment: { [portEnv]: String(port) } } } }, null, 2)}\n`;
}

/** The port a copy was started on, read back from its override; undefined when there is none or it is not Slipway's. */
export function slotPortFrom(overrideText: string, service: string, portEnv: string): number | undefined {
  try {
    const model = JSON.parse(overrideText) as { services?: Record<string, { environment?: Record<string, unknown> }> };
    const port = Number(model.services?.[service]?.environment?.[portEnv]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}
