import os from 'node:os';
import { runIdentity } from '../core/leftovers.js';
import { httpRequest, type HttpTransport, type RequestBudget } from '../core/http/request.js';
import type { FlowContext } from '../core/context.js';
import { openSshSession } from '../ssh/index.js';
import { markDeployment, pullRequestState, upsertPreviewComment, type Announcement } from './forge.js';
import { listPreviews, lockPreviews, previewDown, previewUp, previewUrl, readPreviews, type HostPreviews, type PreviewInfo } from './host.js';
import type { PreviewSettings } from './settings.js';

export interface PreviewResult {
  command: PreviewSettings['command'];
  host: string;
  pr?: number;
  url?: string;
  version?: string;
  /** up: false when it updated a running preview. */
  created?: boolean;
  /** PRs whose previews this run removed (down, reap, eviction). */
  removed: number[];
  previews: PreviewInfo[];
  announced: string[];
}

/** Why `reap` removes a preview, or undefined to keep it. */
export async function reapReason(settings: PreviewSettings, state: { pr: number; created: string }, now: Date, transport: HttpTransport = httpRequest, budget: RequestBudget = {}): Promise<string | undefined> {
  const created = Date.parse(state.created);
  if (settings.maxAgeMs > 0 && Number.isFinite(created) && now.getTime() - created > settings.maxAgeMs) return `older than max-age (created ${state.created})`;
  if (settings.forge && (await pullRequestState(settings.forge, state.pr, transport, budget)) === 'closed') return 'its pull request is closed';
  return undefined;
}

/** up | down | list | reap on the (first) host, under the previews' own lock; announcements after the lock is released. */
export async function runPreview(settings: PreviewSettings, context: FlowContext, transport: HttpTransport = httpRequest): Promise<PreviewResult> {
  const budget: RequestBudget = { signal: context.signal };
  const target = settings.ssh.targets[0];
  if (!target) throw new Error('no host');
  const session = await openSshSession(target, context.runner, context.log);
  const actor = context.env.GITHUB_RUN_ID ? `${context.env.GITHUB_REPOSITORY ?? ''} run ${context.env.GITHUB_RUN_ID}` : `${os.userInfo().username}@${os.hostname()}`;
  const h: HostPreviews = { session, settings, log: context.log, actor, runId: runIdentity(context.env, os.hostname()) };
  const result: PreviewResult = { command: settings.command, host: session.name, pr: settings.pr, removed: [], previews: [], announced: [] };
  const announcements: Announcement[] = [];
  try {
    if (settings.command === 'list') {
      result.previews = await listPreviews(h);
      return result;
    }
    const lock = await lockPreviews(h);
    try {
      if (settings.command === 'up' && settings.pr) {
        try {
          const up = await previewUp(h, settings.pr);
          Object.assign(result, { url: up.url, version: up.state.version, created: up.created });
          result.removed.push(...up.evicted);
          announcements.push({ pr: settings.pr, url: up.url, version: up.state.version, status: 'live', sha: settings.sha });
        } catch (error) {
          announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: settings.version, status: 'failed', sha: settings.sha, detail: (error as Error).message });
          throw error;
        } finally {
          for (const pr of result.removed) announcements.push({ pr, url: previewUrl(settings, pr), version: '', status: 'removed' });
        }
      } else if (settings.command === 'down' && settings.pr) {
        if (await previewDown(h, settings.pr)) result.removed.push(settings.pr);
        announcements.push({ pr: settings.pr, url: previewUrl(settings, settings.pr), version: '', status: 'removed', sha: settings.sha });
      } else if (settings.command === 'reap') {
        const now = new Date();
        for (const state of await readPreviews(h)) {
          const reason = await reapReason(settings, state, now, transport, budget);
          if (!reason) continue;
          context.log.info(`preview pr-${state.pr}: reaping, ${reason}`);
          await previewDown(h, state.pr);
          result.removed.push(state.pr);
          announcements.push({ pr: state.pr, url: previewUrl(settings, state.pr), version: state.version, status: 'removed' });
        }
      }
      result.previews = await listPreviews(h);
    } finally {
      await lock.release();
    }
  } finally {
    await session.close();
    if (settings.forge && settings.announce) {
      for (const a of announcements) {
        // An announcement that fails must not turn a good preview red: warn and go on.
        try {
          result.announced.push(`pr-${a.pr} comment ${await upsertPreviewComment(settings.forge, a, transport, budget)}`);
          if (a.sha) {
            await markDeployment(settings.forge, a, transport, budget);
            result.announced.push(`pr-${a.pr} ${settings.forge.kind === 'github' ? 'deployment' : 'commit status'} ${a.status}`);
          }
        } catch (error) {
          context.log.warn(`preview pr-${a.pr}: could not announce on ${settings.forge.kind}: ${(error as Error).message}`);
        }
      }
    }
  }
  return result;
}
