import { describe, expect, it } from 'vitest';
import { ScimCheckError } from '../../src/errors.js';
import { GithubReporter } from '../../src/report/github-reporter.js';
import { HarReporter } from '../../src/report/har-reporter.js';
import { HtmlReporter } from '../../src/report/html-reporter.js';
import { JsonReporter } from '../../src/report/json-reporter.js';
import { JunitReporter } from '../../src/report/junit-reporter.js';
import { PrettyReporter } from '../../src/report/pretty-reporter.js';
import { createReporter, isReporterName, REPORTER_NAMES, type ReporterName } from '../../src/report/registry.js';
import { sourceOf } from './fixtures.js';
import { MemoryStream } from './memory-stream.js';

const context = () => ({
  out: new MemoryStream(),
  err: new MemoryStream(),
  color: false,
  interactive: false,
  verbose: false,
  sourceOf,
});

describe('reporter registry', () => {
  it.each([
    ['pretty', PrettyReporter],
    ['json', JsonReporter],
    ['junit', JunitReporter],
    ['github', GithubReporter],
    ['har', HarReporter],
    ['html', HtmlReporter],
  ] as const)('builds the %s reporter', (name, type) => {
    expect(REPORTER_NAMES).toContain(name);
    expect(isReporterName(name)).toBe(true);
    expect(createReporter(name, context())).toBeInstanceOf(type);
  });

  it.each(['xunit', 'PRETTY', ''])('rejects %j as a usage error', (name) => {
    expect(isReporterName(name)).toBe(false);
    let thrown: unknown;
    try {
      createReporter(name as ReporterName, context());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScimCheckError);
    expect((thrown as ScimCheckError).code).toBe('USAGE');
    expect((thrown as ScimCheckError).hint).toBe('choose one of: pretty, json, junit, github, har, html');
  });
});
