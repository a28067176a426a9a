import { runMatrix } from '../../engine/matrix.js';
import { newRunId } from '../../engine/run-id.js';
import { allProfiles, findProfile, unknownProfileError } from '../../idp/registry.js';
import { renderMatrixPage } from '../../report/html/matrix-page.js';
import { renderMatrixJson, renderMatrixPretty } from '../../report/matrix-table.js';
import { selectStandards } from '../../standards/index.js';
import { closeAll } from '../close-all.js';
import { EXIT } from '../exit-codes.js';
import { type CliIo, useColor } from '../io.js';
import { chooseTargetWithOAuth, type OAuthFlags } from '../oauth-options.js';
import { openInterruptibleExecutor } from '../open-executor.js';
import { openSummaryReportFile, parseSummaryReporter } from '../reporter-options.js';
import { judgeStandardsOn } from '../standard-scenarios.js';
import { openTargetOrRelease } from '../target.js';
import { parseTimeout, type TransportFlags, transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface MatrixOptions extends TransportFlags, OAuthFlags {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  idp?: string[];
  /** --standard NAME (repeatable): draft packs run after the flows, with their IdP conflicts (src/standards/). */
  standard?: string[];
  reporter?: string;
  timeout: string;
  color?: boolean;
}

function selectedProfiles(names: readonly string[]) {
  if (names.length === 0) return allProfiles();
  return names.map((name) => {
    const profile = findProfile(name);
    if (!profile) throw unknownProfileError(name);
    return profile;
  });
}

/**
 * `scim-check matrix`: replays the user-lifecycle and group-push flows under every IdP profile
 * (or those given with --idp) against one server, and prints the IdP × flow table.
 * Exit 0 when no cell failed, 1 when one did (or, with --standard, a pack row deviates), 2 when
 * it could not run as asked.
 */
export async function matrixCommand(options: MatrixOptions, io: CliIo): Promise<number> {
  const reporter = parseSummaryReporter(options.reporter ?? 'pretty', 'matrix');
  const timeoutMs = parseTimeout(options.timeout);
  const profiles = selectedProfiles(options.idp ?? []);
  const packs = selectStandards(options.standard ?? []);
  const choice = chooseTargetWithOAuth(options, io, 'use');
  const transport = transportSettings(options, io);
  // Opened before anything is sent: an unwritable path is exit 2 now, not a lost table after every profile ran.
  const reportFile =
    reporter.path === undefined
      ? undefined
      : openSummaryReportFile(reporter.path, reporter.name === 'html' ? 'html' : 'json');
  const opened = await openTargetOrRelease(choice, io, () => reportFile?.close(), {
    transport: { timeoutMs, tls: transport.tls, proxy: transport.proxy },
  });
  const { target, redact } = opened;
  const runId = newRunId();
  // Ctrl-C as in `run`: the flow under way cleans up what it created, then the table so far is printed (exit 130).
  const { executor, interrupts } = openInterruptibleExecutor(io, opened, transport, { timeoutMs, runId });
  try {
    const result = await runMatrix({
      executor,
      target,
      runId,
      toolVersion: toolVersion(),
      profiles,
      signal: interrupts.signal,
    });
    // --standard: the packs' scenarios on the same target, judged under the table with their IdP conflicts.
    if (packs.length > 0 && !result.interrupted)
      result.standards = await judgeStandardsOn(
        packs,
        { executor, target, runId, toolVersion: toolVersion(), signal: interrupts.signal },
        io,
      );
    // stdout is redacted by the output guard; the report file by `redact`.
    if (reportFile !== undefined) {
      // json=FILE, html=FILE: the table still shows on the terminal, the document goes to the file.
      io.stdout.write(renderMatrixPretty(result, useColor(options.color, io)));
      reportFile.write(redact(reporter.name === 'html' ? renderMatrixPage(result) : renderMatrixJson(result)));
    } else {
      io.stdout.write(
        reporter.name === 'json' ? renderMatrixJson(result) : renderMatrixPretty(result, useColor(options.color, io)),
      );
    }
    if (result.interrupted) {
      io.stderr.write(
        `scim-check: interrupted: the table shows the ${new Set(result.cells.map((cell) => cell.idp)).size} of ${profiles.length} profiles that ran.\n`,
      );
      return EXIT.interrupted;
    }
    const deviates = (result.standards ?? []).some((standard) => standard.summary.deviates > 0);
    return result.summary.failed + result.summary.errored > 0 || deviates ? EXIT.failed : EXIT.ok;
  } finally {
    interrupts.dispose();
    await closeAll([async () => reportFile?.close(), () => executor.close(), () => opened.close()]);
  }
}
