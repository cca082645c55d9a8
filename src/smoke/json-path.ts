/**
 * A small JSON path: `version`, `$.data.version`, `checks[0].status`,
 * `checks["db:main"].status`, `items.length`. Enough for health documents;
 * no filters or wildcards, so a path means one value.
 */
export type PathSegment = string | number;

export function parseJsonPath(path: string): PathSegment[] | undefined {
  let rest = path.trim();
  if (rest === '$') return [];
  if (rest.startsWith('$.')) rest = rest.slice(2);
  else if (rest.startsWith('$[')) rest = rest.slice(1);
  if (rest === '') return undefined;
  const segments: PathSegment[] = [];
  const token = /^(?:\.?([A-Za-z_$@-][\w$@-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['([^']*)'\])/;
  let first = true;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match || (first && rest.startsWith('.'))) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(match[3].replace(/\\(.)/g, '$1'));
    else segments.push(match[4] ?? '');
    rest = rest.slice(match[0].length);
    first = false;
  }
  return segments;
}

export type Lookup = { found: true; value: unknown } | { found: false; missingAt: string };

export function lookupJsonPath(document: unknown, segments: PathSegment[]): Lookup {
  let current: unknown = document;
  const walked: string[] = [];
  for (const segment of segments) {
    walked.push(typeof segment === 'number' ? `[${segment}]` : segment);
    if (Array.isArray(current)) {
      if (segment === 'length') { current = current.length; continue; }
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= current.length) return { found: false, missingAt: joinPath(walked) };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, String(segment))) {
      current = (current as Record<string, unknown>)[String(segment)];
    } else {
      return { found: false, missingAt: joinPath(walked) };
    }
  }
  return { found: true, value: current };
}

const joinPath = (walked: string[]): string => walked.join('.').replace(/\.\[/g, '[');
