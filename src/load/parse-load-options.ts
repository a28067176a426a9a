import { ScimCheckError } from '../errors.js';

/*
 * Parsers for `scim-check load` flags. Each throws ScimCheckError('USAGE') with an example, so a
 * typo ends in one clear line and exit 2, never a stack trace.
 */

function usage(message: string, hint: string): ScimCheckError {
  return new ScimCheckError('USAGE', message, { hint });
}

/** An integer in [min, max]. */
export function parseCount(value: string, flag: string, min: number, example: string, max = 10_000_000): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
    throw usage(
      `${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, not "${value}"`,
      `e.g. ${flag} ${example}`,
    );
  }
  return number;
}

/** `25`, `25/s` or `25rps`: requests per second, > 0. */
export function parseRate(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/s|rps)?\s*$/i.exec(value);
  const rate = match ? Number(match[1]) : NaN;
  if (!(rate > 0))
    throw usage(
      `--rate must be a positive number of requests per second, not "${value}"`,
      'e.g. --rate 25/s (what Entra expects gallery apps to sustain)',
    );
  return rate;
}

/** `500ms`, `30s`, `2m`, or a bare number of seconds. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*$/i.exec(value);
  if (!match) throw usage(`--duration must be a time like 30s, 2m or 500ms, not "${value}"`, 'e.g. --duration 60s');
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const ms = unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000;
  if (!(ms > 0)) throw usage(`--duration must be longer than zero, not "${value}"`, 'e.g. --duration 60s');
  return ms;
}

/** A fraction in [0, 1], written `0.01` or `1%`. */
export function parseFraction(value: string, flag: string, example: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(value);
  const fraction = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(fraction >= 0 && fraction <= 1))
    throw usage(`${flag} must be a fraction from 0 to 1 or a percentage, not "${value}"`, `e.g. ${flag} ${example}`);
  return fraction;
}
