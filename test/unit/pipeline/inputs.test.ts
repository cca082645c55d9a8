import fs from 'node:fs';
import YAML from 'yaml';
import { ACTION_OF, DERIVED, LINK_INPUTS, LINKS, NOT_CHAINED, linksOf, pipelineInputNames, routeInput } from '../../../src/pipeline/link-inputs.js';

const inputsOf = (file: string): string[] => Object.keys((YAML.parse(fs.readFileSync(file, 'utf8')) as { inputs: Record<string, unknown> }).inputs);

describe('which pipeline input reaches which link', () => {
  it.each(LINKS)('knows every input of the %s action, as its action.yml declares them', (link) => {
    expect([...LINK_INPUTS[link], ...(NOT_CHAINED[link] ?? [])].sort()).toEqual(inputsOf(`actions/${ACTION_OF[link]}/action.yml`).sort());
  });

  it('declares in the root action.yml every input it passes through, and nothing else', () => {
    expect(inputsOf('action.yml').sort()).toEqual(pipelineInputNames().sort());
    const root = YAML.parse(fs.readFileSync('action.yml', 'utf8')) as { runs: { using: string; main: string } };
    expect(root.runs).toEqual({ using: 'node24', main: 'dist/deploy-pipeline/index.js', post: 'dist/cleanup-post/index.js', 'post-if': 'always()' });
  });

  it('sends a shared name to every link that declares it, with the same meaning', () => {
    expect(linksOf('private-key')).toEqual(['deploy', 'smoke']);
    expect(linksOf('version')).toEqual(['build', 'deploy']);
    expect(linksOf('timeout')).toEqual(['smoke']);
  });

  it('keeps tags and image for build-image: push and deploy get them from the chain', () => {
    expect(linksOf('tags')).toEqual(['build']);
    expect(linksOf('image')).toEqual(['build']);
    expect(DERIVED).toEqual({ push: ['tags'], deploy: ['image'] });
  });

  it('routes <link>-<name> to that link only, ahead of the plain name, and the chain value ahead of both', () => {
    const values: Record<string, string> = { timeout: '10s', 'smoke-timeout': '30s', image: 'r/app', 'deploy-image': 'r/app:1.0', tags: 'x' };
    const get = (name: string) => values[name];
    expect(routeInput(get, 'smoke', 'timeout')).toBe('30s');
    expect(routeInput(get, 'deploy', 'timeout')).toBeUndefined();
    expect(routeInput(get, 'build', 'image')).toBe('r/app');
    expect(routeInput(get, 'deploy', 'image')).toBe('r/app:1.0');
    expect(routeInput(get, 'deploy', 'image', { image: 'r/app@sha256:1' })).toBe('r/app@sha256:1');
    expect(routeInput(get, 'push', 'tags')).toBeUndefined();
    expect(routeInput(get, 'push', 'tags', { tags: 'r/app:1' })).toBe('r/app:1');
  });

  it('has no plain name that reads as another link\'s prefixed input, except deploy-image, which means exactly that', () => {
    const plain = new Set(pipelineInputNames());
    const collisions = LINKS.flatMap((link) => LINK_INPUTS[link].map((name) => `${link}-${name}`)).filter((name) => plain.has(name));
    // build-args is build-image's own input; build-image has no `args`, so nothing is shadowed.
    expect(collisions.filter((name) => name !== 'build-args' && name !== 'build-secrets')).toEqual(['deploy-image']);
  });
});
