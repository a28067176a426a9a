import { Chalk } from 'chalk';

/** The few styles the pretty reporter uses, named by meaning so layout code never picks colours. */
export interface Theme {
  pass(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  skip(text: string): string;
  /** Secondary text: gutters, timings, counts. */
  dim(text: string): string;
  bold(text: string): string;
  /** File locations and URLs. */
  link(text: string): string;
}

/** Status marks; they carry the meaning on their own when colour is off. */
export const MARK = {
  passed: '✓',
  failed: '✗',
  errored: '!',
  skipped: '○',
  warning: '!',
  info: 'i',
} as const;

/**
 * A theme over a private chalk instance. The CLI decides colour (NO_COLOR, FORCE_COLOR, flags,
 * TTY), so level is forced here instead of using chalk's global auto-detection.
 */
export function createTheme(color: boolean): Theme {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    pass: (text) => chalk.green(text),
    fail: (text) => chalk.red(text),
    warn: (text) => chalk.yellow(text),
    skip: (text) => chalk.gray(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    link: (text) => chalk.cyan(text),
  };
}
