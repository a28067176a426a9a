/**
 * Reads a value with the small JSONPath subset scenarios use in `expect:` paths and `capture:`
 * (`$.id`, `$.Resources[0].id`, `$['urn:…:User'].employeeNumber`). Anything richer (filters,
 * wildcards) is not needed to point at one value, and a JSONPath engine would be a dependency
 * for one line of YAML.
 */
export function readJsonPath(value: unknown, path: string): unknown {
  const segments = pathSegments(path);
  if (segments === undefined) return undefined;
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment < 0 ? current.length + segment : segment];
    } else {
      if (Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** `$.a[0]['b.c']` → ['a', 0, 'b.c']; undefined when the path is not in the subset. */
function pathSegments(path: string): (string | number)[] | undefined {
  const text = path.trim();
  if (!text.startsWith('$')) return undefined;
  const segments: (string | number)[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([A-Za-z_$][\w$-]*)/.exec(rest);
    const indexed = /^\[(-?\d+)\]/.exec(rest);
    const quoted = /^\[(['"])(.*?)\1\]/.exec(rest);
    if (dotted) segments.push(dotted[1]!);
    else if (indexed) segments.push(Number(indexed[1]));
    else if (quoted) segments.push(quoted[2]!);
    else return undefined;
    rest = rest.slice((dotted ?? indexed ?? quoted)![0].length);
  }
  return segments;
}
