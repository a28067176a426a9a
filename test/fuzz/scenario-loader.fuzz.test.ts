import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type LoadResult, loadScenarioText } from '../../src/scenario/index.js';

/** A fixed seed keeps CI deterministic; FUZZ_SEED=random explores new inputs locally. */
const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? {} : { seed: Number(process.env.FUZZ_SEED ?? 20261129) };

/*
 * Property: whatever a user's editor leaves in a scenario file, the loader answers with a
 * LoadResult — a scenario, or diagnostics with positions — and never throws. The loader's own
 * safety net turns a crash into an `internal` diagnostic; hitting that net is a bug too, so the
 * property forbids it.
 */

const SCENARIO_DIR = new URL('../../scenarios/', import.meta.url).pathname;

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scenarioFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

const SOURCES = scenarioFiles(SCENARIO_DIR).map((path) => readFileSync(path, 'utf8'));

function expectWellFormed(result: LoadResult, text: string): void {
  expect(Array.isArray(result.diagnostics)).toBe(true);
  const internal = result.diagnostics.filter((diagnostic) => diagnostic.code === 'internal');
  expect(internal, `internal loader error on:\n${text}`).toEqual([]);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  // A scenario comes back exactly when nothing was an error.
  expect(result.scenario === undefined).toBe(errors.length > 0);
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.span.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.span.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.title.length).toBeGreaterThan(0);
  }
}

/** Characters that mean something to YAML or to our templates, plus plain text. */
const SPICY = fc.constantFrom(
  ':',
  ' ',
  '\t',
  '\n',
  '-',
  '{',
  '}',
  '[',
  ']',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ',',
  '?',
  '{{',
  '}}',
  '\\',
  '\u0000',
  '\uFEFF',
  'é',
  '😀',
  'x',
  '1',
  'null',
  'true',
  '~',
);

/** One text edit at a random offset. */
const textEdit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.array(SPICY, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'duplicate-line': {
      const at = edit.at % lines.length;
      lines.splice(at, 0, lines[at]!);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = edit.at % lines.length;
      const b = edit.other % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const at = edit.at % lines.length;
      const line = lines[at]!;
      lines[at] = edit.by >= 0 ? ' '.repeat(edit.by) + line : line.replace(new RegExp(`^ {0,${-edit.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** Replaces the value at a random path of a parsed document with something else entirely. */
function replaceAt(document: unknown, pathSeed: number[], replacement: unknown): unknown {
  if (pathSeed.length === 0 || document === null || typeof document !== 'object') return replacement;
  const [head, ...rest] = pathSeed;
  if (Array.isArray(document)) {
    if (document.length === 0) return replacement;
    const index = head! % document.length;
    const copy = [...document];
    copy[index] = replaceAt(copy[index], rest, replacement);
    return copy;
  }
  const keys = Object.keys(document);
  if (keys.length === 0) return replacement;
  const key = keys[head! % keys.length]!;
  return {
    ...(document as Record<string, unknown>),
    [key]: replaceAt((document as Record<string, unknown>)[key], rest, replacement),
  };
}

describe('the scenario loader under fuzzing', () => {
  it('every built-in scenario loads cleanly (the seeds of the fuzzing are valid)', () => {
    expect(SOURCES.length).toBeGreaterThan(0);
    for (const text of SOURCES)
      expect(
        loadScenarioText(text, 'seed.yaml').diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
      ).toEqual([]);
  });

  it('text edits never crash it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(textEdit, { minLength: 1, maxLength: 5 }), (source, edits) => {
        const text = edits.reduce(applyEdit, source);
        expectWellFormed(loadScenarioText(text, 'fuzzed.yaml'), text);
      }),
      { numRuns: 200, ...FUZZ_SEED },
    );
  });

  it('replacing any value with any JSON value never crashes it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCES),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.jsonValue({ maxDepth: 3 }),
        (source, path, replacement) => {
          const text = stringify(replaceAt(parse(source), path, replacement));
          expectWellFormed(loadScenarioText(text, 'fuzzed.yaml'), text);
        },
      ),
      { numRuns: 200, ...FUZZ_SEED },
    );
  });

  it('arbitrary text never crashes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectWellFormed(loadScenarioText(text, 'random.yaml'), text);
      }),
      { numRuns: 200, ...FUZZ_SEED },
    );
  });
});
