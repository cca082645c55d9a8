import type { FlowDefinition } from '../core/context.js';
import { Summary } from '../core/summary.js';
import { runPreview, type PreviewResult } from './preview.js';
import { parsePreviewSettings, type PreviewSettings } from './settings.js';

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `slipway preview up|down|list|reap` and `actions/preview`: one compose project per pull request. */
export const previewFlow: FlowDefinition<PreviewSettings, PreviewResult> = {
  command: 'preview',
  action: 'preview',
  describe: 'Preview environments per pull request: up | down | list | reap (own compose project, env, volumes, port; never reloads the proxy)',
  parse: (inputs, context) => parsePreviewSettings(inputs, context.env),
  run: (settings, context) => runPreview(settings, context),
  outputs: (result) => ({
    url: result.url ?? '',
    version: result.version ?? '',
    removed: result.removed.join(','),
    previews: JSON.stringify(result.previews.map(({ pr, url, version, status, port, diskBytes, created }) => ({ pr, url, version, status, port, diskBytes, created }))),
  }),
  summary: (result) => new Summary()
    .heading(`Preview ${result.command}${result.pr ? ` pr-${result.pr}` : ''} on ${result.host}`)
    .text([
      result.url ? `Live at ${result.url} (${result.created ? 'created' : 'updated'}, version ${result.version || '-'})` : '',
      result.removed.length ? `Removed: ${result.removed.map((pr) => `pr-${pr}`).join(', ')}` : '',
    ].filter(Boolean).join('\n') || `${result.previews.length} preview(s)`)
    .table(['preview', 'url', 'version', 'status', 'port', 'disk', 'created'], result.previews.map((p) => [
      `pr-${p.pr}`, p.url, p.version || '-', p.running ? p.status : `${p.status} (not running)`, String(p.port), megabytes(p.diskBytes), p.created,
    ])),
};
