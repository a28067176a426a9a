import type { RunResult } from '../../engine/results.js';
import type { FormatContext } from '../pretty/format-context.js';
import { countCases, type JunitCase, toJunitSuites } from './junit-model.js';
import { attributes, xmlText } from './xml.js';

const time = (seconds: number): string => seconds.toFixed(3);

function renderCase(entry: JunitCase): string {
  const head = `    <testcase${attributes({ name: entry.name, classname: entry.classname, file: entry.file, line: entry.line, time: time(entry.timeSeconds) })}`;
  const { outcome } = entry;
  switch (outcome.kind) {
    case 'passed':
      return outcome.note === undefined
        ? `${head}/>`
        : `${head}>\n      <system-out>${xmlText(outcome.note)}</system-out>\n    </testcase>`;
    case 'skipped':
      return `${head}>\n      <skipped${attributes({ message: outcome.message })}/>\n    </testcase>`;
    case 'failure':
    case 'error':
      return `${head}>\n      <${outcome.kind}${attributes({ message: outcome.message, type: outcome.type })}>${xmlText(outcome.text)}</${outcome.kind}>\n    </testcase>`;
  }
}

/**
 * The JUnit XML document (the de-facto schema Jenkins, GitLab `artifacts:reports:junit` and
 * most CI dashboards read). Times are in seconds, as that schema wants.
 */
export function toJunitXml(result: RunResult, format: FormatContext): string {
  const suites = toJunitSuites(result, format);
  const all = suites.flatMap((suite) => suite.cases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites${attributes({ name: 'scim-check', ...countCases(all), time: time(result.summary.durationMs / 1000), timestamp: result.startedAt })}>`,
  );
  for (const suite of suites) {
    lines.push(
      `  <testsuite${attributes({ name: suite.name, ...countCases(suite.cases), time: time(suite.timeSeconds), timestamp: result.startedAt, file: suite.file })}>`,
    );
    lines.push('    <properties>');
    lines.push(`      <property${attributes({ name: 'idp', value: suite.idp })}/>`);
    lines.push(`      <property${attributes({ name: 'baseUrl', value: result.target.baseUrl })}/>`);
    lines.push(`      <property${attributes({ name: 'runId', value: result.runId })}/>`);
    // --standard: each draft pack, marked as a draft that may change, with its row counts.
    for (const standard of result.standards ?? [])
      lines.push(
        `      <property${attributes({ name: `standard:${standard.name}`, value: `DRAFT: ${standard.draftNote}; ${standard.summary.follows} follow, ${standard.summary.deviates} deviate, ${standard.summary.notChecked} not checked` })}/>`,
      );
    lines.push('    </properties>');
    for (const entry of suite.cases) lines.push(renderCase(entry));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
