import path from 'node:path';
import type { Runner } from '../core/runner/process-runner.js';
import { parseBaseline, readBaseline } from './baseline.js';
import { emptyConfig, loadScanConfig, parseScanConfig, type ScanConfig } from './config.js';
import { shortRevision } from './sources/revision.js';
import { gitCommands } from './sources/git.js';

export interface FilesSettings {
  directory: string;
  configPath: string;
  configRequired: boolean;
  baselinePath: string;
  /** Writing the baseline: the old one is not read. */
  writeBaseline: boolean;
}

/** Where a change starts (pr: the merge base; push: the old head) and where it ends. */
export interface ChangeRevisions {
  trusted: string;
  changed: string;
  /** Shown in notes: `merge base`, `old head`. */
  label: string;
}

export interface TrustedFiles {
  config: ScanConfig;
  /** Fingerprints the baseline accepts (empty when writing one). */
  accepted: Set<string>;
  notes: string[];
}

/**
 * The config and the baseline decide what fails the check, so a change must not
 * judge itself: in pr and push mode both are read from where the change starts.
 * A pull request that adds `allow.paths: ['.*']`, disables a rule or baselines
 * its own secret still fails; its edits to these files take effect once merged,
 * after a maintainer has reviewed them. Without revisions (tree, history, or a
 * push with no old head): the working tree.
 */
export async function loadTrustedFiles(runner: Runner, settings: FilesSettings, revisions?: ChangeRevisions): Promise<TrustedFiles> {
  const cwd = settings.directory;
  const configFile = path.resolve(cwd, settings.configPath);
  const baselineFile = path.resolve(cwd, settings.baselinePath);
  const relative = (file: string): string | undefined => {
    const inside = path.relative(cwd, file);
    return inside.startsWith('..') || path.isAbsolute(inside) ? undefined : inside.split(path.sep).join('/');
  };
  const configRel = relative(configFile);
  const baselineRel = relative(baselineFile);
  if (!revisions) return fromWorkingTree(settings, configFile, baselineFile);

  const at = async (rev: string, file: string): Promise<string | undefined> => {
    const shown = await runner.run(gitCommands.fileAt(cwd, rev, file), { allowFailure: true });
    return shown.exitCode === 0 ? shown.stdout : undefined;
  };
  const where = (file: string): string => `${shortRevision(revisions.trusted)}:${file}`;
  const notes: string[] = [];
  const changed: string[] = [];

  let config: ScanConfig;
  if (configRel === undefined) {
    // Outside the repository: no commit holds it, and no change can touch it.
    config = loadScanConfig(configFile, settings.configRequired);
  } else {
    const trusted = await at(revisions.trusted, configRel);
    const proposed = await at(revisions.changed, configRel);
    if (trusted === undefined && proposed === undefined) config = loadScanConfig(configFile, settings.configRequired);
    else config = trusted === undefined ? emptyConfig() : parseScanConfig(trusted, where(configRel));
    if (trusted !== proposed) changed.push(configRel);
  }

  let accepted = new Set<string>();
  if (!settings.writeBaseline) {
    if (baselineRel === undefined) {
      accepted = readBaseline(baselineFile);
    } else {
      const trusted = await at(revisions.trusted, baselineRel);
      if (trusted !== undefined) accepted = parseBaseline(trusted, where(baselineRel));
      if (trusted !== await at(revisions.changed, baselineRel)) changed.push(baselineRel);
    }
  }
  if (changed.length > 0) {
    notes.push(`This change edits ${changed.join(' and ')}: the scan used the version at the ${revisions.label} ${shortRevision(revisions.trusted)}. `
      + 'The edits take effect once they are on the base branch (after merge), where a maintainer reviews them.');
  }
  return { config, accepted, notes };
}

function fromWorkingTree(settings: FilesSettings, configFile: string, baselineFile: string): TrustedFiles {
  return {
    config: loadScanConfig(configFile, settings.configRequired),
    accepted: settings.writeBaseline ? new Set() : readBaseline(baselineFile),
    notes: [],
  };
}
