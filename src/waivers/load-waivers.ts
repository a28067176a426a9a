import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { globToRegExp } from '../checks/select-checks.js';
import { ScimCheckError } from '../errors.js';
import { readFileCapped } from '../fs/read-capped.js';
import type { Waiver } from './waiver.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KEYS = new Set(['check', 'scenario', 'step', 'reason', 'until']);

function invalid(file: string, line: number, message: string): ScimCheckError {
  return new ScimCheckError('USAGE', `${file}:${line}: ${message}`, {
    hint: 'each waiver is { check: ID or glob, scenario?: glob, step?: number or name, reason: text, until: YYYY-MM-DD }',
  });
}

/** A real calendar date in YYYY-MM-DD form (2025-02-30 is refused). */
function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Parses a waivers document: a YAML list of entries, or `{ waivers: [...] }`. Every mistake is
 * a usage error naming the file and line, because a silently ignored waiver would either hide a
 * regression or fail a release for no reason.
 */
export function parseWaivers(text: string, file: string): Waiver[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, logLevel: 'error' });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const line = error.linePos?.[0]?.line ?? 1;
    throw invalid(file, line, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  let list: unknown = document.contents;
  if (list === null) return [];
  if (isMap(list)) {
    if (!list.has('waivers'))
      throw invalid(file, lineOf(list), 'expected a list of waivers (or `waivers:` with a list)');
    list = list.get('waivers', true);
  }
  if (list === null || list === undefined) return [];
  if (!isSeq(list))
    throw invalid(file, lineOf(document.contents), 'expected a list of waivers (or `waivers:` with a list)');
  return list.items.map((item) => {
    const node = item as Node;
    const line = lineOf(node);
    if (!isMap(node)) throw invalid(file, line, 'a waiver must be a mapping');
    const entry = node.toJSON() as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((key) => !KEYS.has(key));
    if (unknown.length > 0) throw invalid(file, line, `unknown key ${unknown.map((key) => `"${key}"`).join(', ')}`);
    const { check, scenario, step, reason } = entry;
    // YAML turns an unquoted 2026-03-01 into a Date; accept it as the date it spells.
    const until = entry.until instanceof Date ? entry.until.toISOString().slice(0, 10) : entry.until;
    if (typeof check !== 'string' || check.trim() === '')
      throw invalid(file, line, '`check` (a check ID or a glob such as PATCH-*) is required');
    if (typeof reason !== 'string' || reason.trim() === '')
      throw invalid(file, line, `the waiver for ${check} needs a \`reason\` (who accepted it and why)`);
    if (typeof until !== 'string' || !isCalendarDate(until))
      throw invalid(file, line, `the waiver for ${check} needs \`until: YYYY-MM-DD\` (waivers must expire)`);
    if (scenario !== undefined && (typeof scenario !== 'string' || scenario === ''))
      throw invalid(file, line, '`scenario` must be a name, file or glob');
    if (
      step !== undefined &&
      !(typeof step === 'string' && step !== '') &&
      !(typeof step === 'number' && Number.isInteger(step) && step >= 1)
    ) {
      throw invalid(file, line, '`step` must be a step number (1 = first step) or a step name');
    }
    const waiver: Waiver = {
      check,
      reason,
      until,
      line,
      checkPattern: globToRegExp(check),
      ...(scenario === undefined
        ? {}
        : { scenario: scenario as string, scenarioPattern: globToRegExp(scenario as string) }),
      ...(step === undefined ? {} : { step: step as number | string }),
    };
    return waiver;
  });
}

/**
 * Largest waivers file we read. A real one is a few dozen entries (a few KiB); without a cap a
 * mistaken path (a log, a generated file) was read and parsed whole: 18 MB took 20 s and 2 GB.
 */
export const MAX_WAIVERS_BYTES = 1024 * 1024;

/** Reads and parses a `--waivers` file; an unreadable or oversized file is a usage error (exit 2). */
export async function loadWaivers(path: string, display: string = path): Promise<Waiver[]> {
  let read: Awaited<ReturnType<typeof readFileCapped>>;
  try {
    read = await readFileCapped(path, MAX_WAIVERS_BYTES);
  } catch (cause) {
    throw new ScimCheckError('USAGE', `cannot read the waivers file ${display}: ${(cause as Error).message}`, {
      cause,
      hint: 'check the path given to --waivers (`scim-check init` writes a starter file)',
    });
  }
  if (read.tooLarge) {
    throw new ScimCheckError(
      'USAGE',
      `the waivers file ${display} is larger than the ${MAX_WAIVERS_BYTES / (1024 * 1024)} MiB limit`,
      {
        hint: 'a waivers file lists a few waived checks; check that --waivers names the file you meant',
      },
    );
  }
  return parseWaivers(
    Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString('utf8'),
    display,
  );
}
