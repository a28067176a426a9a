import { closeSync, createWriteStream, openSync, type WriteStream, writeFileSync } from 'node:fs';
import { ScimCheckError } from '../errors.js';
import {
  createReporter,
  FILE_ONLY_REPORTERS,
  isReporterName,
  REPORTER_NAMES,
  type Reporter,
  type ReporterContext,
  type ReporterName,
} from '../report/index.js';
import { type CliIo, isInteractive, useColor } from './io.js';
import { toolVersion } from './version.js';

/** One `--reporter name[=path]`: no path means stdout. */
export interface ReporterSpec {
  name: ReporterName;
  path?: string;
}

/** Parses the repeatable `--reporter` values; at most one may write to stdout. */
export function parseReporterSpecs(values: readonly string[]): ReporterSpec[] {
  const specs = (values.length === 0 ? ['pretty'] : values).map((value): ReporterSpec => {
    const [name = '', ...rest] = value.split('=');
    const path = rest.join('=');
    if (!isReporterName(name)) {
      throw new ScimCheckError('USAGE', `unknown reporter "${name}"`, {
        hint: `choose from ${REPORTER_NAMES.join(', ')}; write to a file with name=PATH, e.g. --reporter json=report.json`,
      });
    }
    if (path === '' && FILE_ONLY_REPORTERS.includes(name))
      throw new ScimCheckError('USAGE', `the ${name} report needs a file: --reporter ${name} alone has nowhere to go`, {
        hint: `write it to a file with --reporter ${name}=report.${name}; the pretty output still goes to stdout`,
      });
    return path === '' ? { name } : { name, path };
  });
  const onStdout = specs.filter((spec) => spec.path === undefined);
  // Pretty text and GitHub workflow commands can share a log; a JSON, JUnit or HAR document cannot.
  const textOnly = onStdout.every((spec) => spec.name === 'pretty' || spec.name === 'github');
  if (onStdout.length > 1 && !textOnly) {
    throw new ScimCheckError(
      'USAGE',
      `reporters ${onStdout.map((spec) => spec.name).join(' and ')} would both write to stdout`,
      { hint: 'send all but one to files, e.g. --reporter pretty --reporter json=report.json' },
    );
  }
  // `--reporter junit=FILE` alone still shows the run on the terminal.
  if (onStdout.length === 0) specs.unshift({ name: 'pretty' });
  return specs;
}

/** What `load` and `matrix` can report: their pretty summary, a JSON document or an HTML page. */
export type SummaryReporterName = 'pretty' | 'json' | 'html';

/**
 * `--reporter` of `load` and `matrix`: `pretty`, `json`, `json=FILE` or `html=FILE`. With a file,
 * the pretty summary still goes to stdout; `command` makes the messages name the right command.
 */
export function parseSummaryReporter(
  value: string,
  command: 'load' | 'matrix',
): { name: SummaryReporterName; path?: string } {
  const [name = '', ...rest] = value.split('=');
  const path = rest.join('=');
  if (name !== 'pretty' && name !== 'json' && name !== 'html')
    throw new ScimCheckError('USAGE', `unknown reporter "${name}" for ${command}`, {
      hint: `choose pretty, json or html; write a file with --reporter json=${command}.json or --reporter html=${command}.html`,
    });
  if (name === 'pretty' && path !== '')
    throw new ScimCheckError('USAGE', `the pretty ${command} summary goes to stdout only`, {
      hint: `use --reporter json=FILE or --reporter html=FILE for a file`,
    });
  if (name === 'html' && path === '')
    throw new ScimCheckError(
      'USAGE',
      `the html ${command} report needs a file: --reporter html alone has nowhere to go`,
      {
        hint: `write it to a file with --reporter html=${command}.html; the pretty summary still goes to stdout`,
      },
    );
  return path === '' ? { name } : { name, path };
}

/**
 * Opens (creates or truncates) a report file and returns its descriptor. Called before the run
 * starts, so an unwritable path is a usage error at once rather than a lost report at the end.
 */
export function openReportFile(reporter: string, path: string): number {
  try {
    return openSync(path, 'w');
  } catch (cause) {
    throw new ScimCheckError('USAGE', `cannot write the ${reporter} report to ${path}: ${(cause as Error).message}`, {
      cause,
      hint: 'check that the directory exists and is writable',
    });
  }
}

/** The `json=FILE` or `html=FILE` document of `load` or `matrix`: opened before the run, written once at its end. */
export interface SummaryReportFile {
  /** Writes the whole document; a disk that fails now is a usage error naming the path. */
  write(text: string): void;
  /** Releases the file; closing twice is harmless. */
  close(): void;
}

/** Opens a `json=FILE` (or `html=FILE`) now, so an unwritable path is exit 2 before the first request. */
export function openSummaryReportFile(path: string, reporter: 'json' | 'html' = 'json'): SummaryReportFile {
  const fd = openReportFile(reporter, path);
  let open = true;
  return {
    write(text) {
      try {
        writeFileSync(fd, text);
      } catch (cause) {
        throw new ScimCheckError(
          'USAGE',
          `cannot write the ${reporter} report to ${path}: ${(cause as Error).message}`,
          {
            cause,
            hint: 'the summary printed above has the results; check the free space and permissions of that path',
          },
        );
      }
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The reporters of a run, with the files they write to, closed by `close()`. */
export interface OpenReporters {
  reporters: Reporter[];
  close(): Promise<void>;
}

/**
 * What every reporter of a command that runs scenarios is given, from the command's options:
 * stderr, colour, whether the terminal is interactive, verbosity, the scenario sources for code
 * frames, the version and the output guard that redacts secrets.
 */
export function reporterContext(
  io: CliIo,
  options: { color?: boolean; verbose?: boolean },
  sourceOf: (file: string) => string | undefined,
): Omit<ReporterContext, 'out'> {
  return {
    err: io.stderr,
    color: useColor(options.color, io),
    interactive: isInteractive(io),
    verbose: options.verbose ?? false,
    sourceOf,
    toolVersion: toolVersion(),
    guard: io.guard,
  };
}

/** Opens report files and builds the reporters; the caller supplies everything else of the context. */
export function openReporters(
  specs: readonly ReporterSpec[],
  base: Omit<ReporterContext, 'out'>,
  stdout: NodeJS.WritableStream,
): OpenReporters {
  const files: WriteStream[] = [];
  const reporters = specs.map((spec) => {
    let out: NodeJS.WritableStream = stdout;
    if (spec.path !== undefined) {
      const file = createWriteStream(spec.path, { fd: openReportFile(spec.name, spec.path) });
      files.push(file);
      out = file;
    }
    // A file reporter gets no colour and no spinner: files are read later, not watched.
    const context: ReporterContext =
      spec.path === undefined ? { ...base, out } : { ...base, out, color: false, interactive: false };
    return createReporter(spec.name, context);
  });
  return {
    reporters,
    close: () =>
      Promise.all(
        files.map(
          (file) =>
            new Promise<void>((resolve, reject) => {
              file.once('error', reject);
              file.end(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
