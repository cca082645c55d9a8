import { expandEnv, type ConfigSection } from '../config-file.js';
import { checkDefaultsKeys, checkSectionKeys, type CommandConfig } from '../flow-command.js';
import { ACTION_INPUTS } from '../generated/action-inputs.js';
import { ACTION_OF, DERIVED, LINKS, type Link } from '../../pipeline/link-inputs.js';

/** slipway.yml's command sections, by the link they configure. */
const SECTION_OF: Record<Link, string> = { build: 'build', push: 'push', deploy: 'deploy', smoke: 'smoke' };

/**
 * The values `slipway pipeline` runs with, from the same slipway.yml the single
 * commands read: `defaults:` and `pipeline:` as plain names, each command's
 * section as `<link>-<name>` so it reaches that link only; flags win over all.
 * Names the chain derives (push's tags, deploy's image) are left out of the sections.
 */
export function pipelineValues(config: Record<string, ConfigSection>, flags: Record<string, string>, where: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  const put = (key: string, value: string, from: string) => { values[key] = expandEnv(value, `${where}: ${from}`, env); };
  for (const [key, value] of Object.entries(config.defaults ?? {})) put(key, value, `defaults.${key}`);
  for (const link of LINKS) {
    for (const [key, value] of Object.entries(config[SECTION_OF[link]] ?? {})) {
      if (!DERIVED[link]?.includes(key)) put(`${link}-${key}`, value, `${SECTION_OF[link]}.${key}`);
    }
  }
  for (const [key, value] of Object.entries(config.pipeline ?? {})) put(key, value, `pipeline.${key}`);
  return { ...values, ...flags };
}

const inputNames = (action: string): string[] => (ACTION_INPUTS[action]?.inputs ?? []).map((input) => input.name);

/**
 * How `slipway pipeline` differs from a single link's command: it reads every
 * link's section of slipway.yml, and a dry run's plan (an input of the root
 * action, not a CLI switch) is its JSON document.
 */
export const pipelineConfig: CommandConfig = {
  check(sections, where) {
    checkSectionKeys(sections.pipeline, 'pipeline', inputNames('deploy-pipeline'), where);
    checkDefaultsKeys(sections, where);
    for (const link of LINKS) checkSectionKeys(sections[SECTION_OF[link]], SECTION_OF[link], inputNames(ACTION_OF[link]), where);
  },
  values: pipelineValues,
  document: (run) => {
    const plan = (run.result as { plan?: unknown }).plan;
    return { ok: !run.failure, failure: run.failure, outputs: run.outputs, ...(plan ? { dryRun: true, plan } : {}) };
  },
};
