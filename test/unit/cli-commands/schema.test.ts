import fs from 'node:fs';
import YAML from 'yaml';
import { schema, validate } from './schema-validate.js';

const yamlBlocks = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('schema/slipway.schema.json, generated from the action.yml files', () => {
  it('has a section per command, holding every input of its action with the action\'s default and description', () => {
    const sections: Record<string, string> = { build: 'actions/build-image', push: 'actions/push-image', deploy: 'actions/ssh-deploy', smoke: 'actions/smoke-test', drill: 'actions/restore-drill', scan: 'actions/secret-scan', pipeline: '.' };
    for (const [section, dir] of Object.entries(sections)) {
      const action = YAML.parse(fs.readFileSync(`${dir}/action.yml`, 'utf8'));
      const properties = schema.properties[section].properties;
      expect(Object.keys(properties).sort()).toEqual(Object.keys(action.inputs).sort());
      for (const [name, spec] of Object.entries(action.inputs as Record<string, { description: string; default?: string }>)) {
        expect(properties[name].description).toBe(spec.description.trim());
        if (spec.default !== undefined && spec.default !== '') expect(String(properties[name].default)).toBe(spec.default);
      }
    }
  });

  it('types inputs as the parsers read them: enums, booleans, whole numbers, durations, lists', () => {
    const deploy = schema.properties.deploy.properties;
    const ok = (property: string, value: unknown) => validate(deploy[property], value).length === 0;
    expect(ok('strategy', 'release')).toBe(true);
    expect(ok('strategy', 'relase')).toBe(false);
    expect(ok('pull', false)).toBe(true);
    expect(ok('pull', 'maybe')).toBe(false);
    expect(ok('port', 2222)).toBe(true);
    expect(ok('port', 'twenty')).toBe(false);
    expect(ok('lock-timeout', '5m')).toBe(true);
    expect(ok('lock-timeout', 'soon')).toBe(false);
    expect(ok('hosts', ['a:22', 'b:22'])).toBe(true);
    expect(ok('private-key', '${env:DEPLOY_KEY}')).toBe(true);
    expect(ok('version', 1.1)).toBe(false); // 1.10 would read as 1.1: versions are strings
    expect(validate(schema.properties.build.properties.latest, true)).toEqual([]);
    expect(validate(schema.properties.drill.properties.mode, 'staleness')).toEqual([]);
    // defaults: reaches several actions with different choices (mode), so each command checks it.
    expect(validate(schema.properties.defaults.properties.mode, 'staleness')).toEqual([]);
  });

  it('accepts the slipway.yml examples in the docs and flags a misspelt input or section', () => {
    const examples = [...yamlBlocks('README.md'), ...yamlBlocks('docs/pipeline.md')].map((text) => YAML.parse(text)).filter((doc) => doc && typeof doc === 'object' && ('defaults' in doc || 'pipeline' in doc || 'build' in doc));
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) expect(validate(schema, example)).toEqual([]);
    expect(validate(schema, { deploy: { imgae: 'x' } })).toEqual(['$.deploy.imgae: is not allowed']);
    expect(validate(schema, { deplyo: {} })).toEqual(['$.deplyo: is not allowed']);
    expect(validate(schema, { pipeline: { 'smoke-timeout': '2m' } })).toEqual([]);
  });
});
