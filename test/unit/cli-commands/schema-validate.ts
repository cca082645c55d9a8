import fs from 'node:fs';

export const schema = JSON.parse(fs.readFileSync('schema/slipway.schema.json', 'utf8'));

/** Just enough JSON Schema for the constructs scripts/gen-schema.mjs emits; returns the paths that fail. */
export function validate(node: Record<string, unknown>, value: unknown, at = '$'): string[] {
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

