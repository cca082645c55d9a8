import fs from 'node:fs';
import YAML from 'yaml';

const schema = JSON.parse(fs.readFileSync('schema/slipway.schema.json', 'utf8'));

/** Just enough JSON Schema for the constructs scripts/gen-schema.mjs emits; returns the paths that fail. */
function validate(node: Record<string, unknown>, value: unknown, at = '$'): string[] {
  if (typeof node.$ref === 'string') return validate(schema.$defs[node.$ref.replace('#/$defs/', '')], value, at);
  if (Array.isArray(node.anyOf)) return node.anyOf.some((option) => validate(option, value, at).length === 0) ? [] : [`${at}: matches none`];
  const problems: string[] = [];
  if (Array.isArray(node.enum) && !node.enum.includes(value)) problems.push(`${at}: not one of ${node.enum.join(', ')}`);
  if (node.type !== undefined) {
    const types = [node.type].flat() as string[];
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
    if (!types.some((type) => type === actual || (type === 'number' && actual === 'integer'))) problems.push(`${at}: is ${actual}, expected ${types.join('|')}`);
  }
  if (typeof node.pattern === 'string' && typeof value === 'string' && !new RegExp(node.pattern).test(value)) problems.push(`${at}: does not match ${node.pattern}`);
  if (typeof node.minimum === 'number' && typeof value === 'number' && value < node.minimum) problems.push(`${at}: below ${node.minimum}`);
  if (node.items && Array.isArray(value)) value.forEach((item, i) => problems.push(...validate(node.items as Record<string, unknown>, item, `${at}[${i}]`)));
  if (node.properties && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      const property = (node.properties as Record<string, Record<string, unknown>>)[key];
      const pattern = Object.entries((node.patternProperties ?? {}) as Record<string, Record<string, unknown>>).find(([p]) => new RegExp(p).test(key))?.[1];
      if (property) problems.push(...validate(property, item, `${at}.${key}`));
      else if (pattern) problems.push(...validate(pattern, item, `${at}.${key}`));
      else if (node.additionalProperties === false) problems.push(`${at}.${key}: is not allowed`);
    }
  }
  return problems;
}

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
