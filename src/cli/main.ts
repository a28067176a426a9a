import { Command, CommanderError, Option } from 'commander';
import { ScimCheckError } from '../errors.js';
import { tolerateClosedPipe } from './closed-pipe.js';
import { readEnvironment } from './environment.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, guardIo } from './io.js';
import { addOAuthOptions } from './oauth-flags.js';
import { printError } from './print-error.js';
import { toolVersion } from './version.js';

const RUN_EXAMPLES = `
Examples:
  $ scim-check run scenarios/okta-group-push.yaml
      replay Okta's group push against the embedded reference server
  $ scim-check run okta-group-push --base-url https://app.example.com/scim/v2 --token "$SCIM_CHECK_TOKEN"
      the same against your server (a built-in scenario by name works from any directory)
  $ scim-check run scenarios/ --reporter pretty --reporter json=report.json
      every scenario in a directory, with a JSON report for CI
  $ scim-check run scenarios/ --reporter html=report.html
      one self-contained page to triage in a browser or attach to a CI run (filters, search,
      deep links such as report.html#okta-group-push/5)
  $ scim-check run my-flow.yaml --idp okta-aiw --verbose
      replay a scenario as another IdP would, showing every request
  $ scim-check run scenarios/ --reporter junit=scim-check.xml --har scim-check.har --waivers waivers.yaml
      a CI gate: JUnit for the dashboard, the exact traffic, known failures accepted until a date
  $ scim-check run --only okta-group-push:5
      rerun step 5 (and the steps it needs) while debugging; add --dry-run to see the requests only
  $ scim-check run scenarios/ --reporter json=report.json --baseline last-green.json --fail-on new
      a CI gate for a server with known bugs: list what is new, fixed and still failing since an
      earlier JSON report, and fail only on root causes that are new
  $ scim-check run --standard interop-01 --base-url https://app.example.com/scim/v2 --token-file token.txt
      judge the server against a draft profile, and see which IdPs each of its rules would break

The base URL and token may also come from SCIM_CHECK_BASE_URL and SCIM_CHECK_TOKEN.
Exit codes: 0 all checks passed, 1 a check failed or a step errored (--fail-on new: a new one),
            2 could not run as asked (bad flag, invalid scenario, unreachable server, token refused),
            130 interrupted (cleanup still ran).`;

const READINESS_HELP = `
Each row is one test of the vendor's own validation, by the vendor's name, with a verdict:
  ready                 the requests that test sends got the answers it asserts
  not ready             they did not: the deciding finding (check, message, scenario:step) and the fix
  not testable offline  the test needs the vendor's live side (a tenant's provisioning logs, a
                        token the IdP issues, a human in an admin UI): why
Offline means: the vendor's requests are replayed from this machine against --base-url, with
the usual checks, state read-back and cleanup; nothing is sent to Microsoft or Okta.

The gates:
  entra-gallery  Microsoft's 25-test Entra app gallery validation (Logic App, AzureAD/SCIMReferenceCode)
  okta-oin       Okta's OIN submission: the SPEC and CRUD tests, Entitlements, Import User Schema, the test plan

The Entra gallery requires OAuth 2.0 client credentials (or workload identity federation): with a
bearer token only, Validate_Credentials_Test reads "not ready".

Examples:
  $ scim-check readiness entra-gallery
      the embedded reference server, over OAuth client credentials: what a passing run looks like
  $ SCIM_CHECK_CLIENT_SECRET=… scim-check readiness entra-gallery --base-url https://app.example.com/scim/v2 \\
      --oauth-token-url https://app.example.com/oauth/token --client-id gallery
  $ scim-check readiness okta-oin --base-url https://app.example.com/scim/v2 --token-file token.txt --reporter json=oin.json

Exit codes: 0 no blocking test is not ready (optional tests the vendor only warns about do not count),
            1 a test is not ready, 2 could not run as asked (bad flag, unreachable server, token refused),
            130 interrupted (cleanup still ran).`;

/** A repeatable option. No `[]` default is declared: commander would print "(default: [])" in --help. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The options every command that talks to a SCIM server shares: where (`--base-url`, the token)
 * and how (timeouts, retry budget, TLS), declared once so their names and help cannot drift apart.
 * `baseUrlHelp`/`tokenHelp` say what the command does without them.
 */
function addTargetOptions(
  command: Command,
  help: { baseUrl?: string; token?: string; maxRetryWait?: string } = {},
): Command {
  return command
    .option(
      '-u, --base-url <url>',
      help.baseUrl ?? 'SCIM base URL (env SCIM_CHECK_BASE_URL); the embedded reference server when absent',
    )
    .option('-t, --token <token>', help.token ?? 'bearer token (env SCIM_CHECK_TOKEN)')
    .option('--token-file <file>', 'read the bearer token from a file');
}

function addTransportOptions(command: Command, what = 'run'): Command {
  return command
    .option('--timeout <ms>', 'give up on a request after this many milliseconds', '30000')
    .option(
      '--max-retry-wait <seconds>',
      `most the whole ${what} may wait between retries of 429s and connection resets (default: 60)`,
    )
    .option('--cacert <file>', 'trust the CA certificates in this PEM file, in addition to the usual roots')
    .option('-k, --insecure', 'do not verify the server certificate (unsafe; warns on every run)');
}

/** Builds the program; each command module is imported only when its command runs (fast --version). */
function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('scim-check')
    .description(
      'Replays what Okta, Entra ID, Google and Keycloak send to a SCIM 2.0 server, and checks every response and the resulting state against RFC 7643/7644.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`scim-check: ${text.replace(/^error: /, 'error: ')}`),
    });

  program
    .command('run')
    .description('replay scenarios against a SCIM server (the embedded reference server when --base-url is not given)')
    .argument(
      '[scenarios...]',
      'scenario files, directories, or built-in scenario names (default: every built-in scenario)',
    )
    .option('-u, --base-url <url>', 'SCIM base URL, e.g. https://app.example.com/scim/v2 (env SCIM_CHECK_BASE_URL)')
    .option(
      '-t, --token <token>',
      'bearer token (env SCIM_CHECK_TOKEN; prefer the env var or --token-file, which keep it out of shell history)',
    )
    .option('--token-file <file>', 'read the bearer token from a file')
    .option(
      '--idp <name>',
      'replay every scenario as this IdP instead of its own `idp:` (see `scim-check list profiles`)',
    )
    .option(
      '-r, --reporter <name[=file]>',
      'pretty, json, junit, github, har or html, to stdout or to a file with =FILE (html needs one); repeatable (github is on by itself under GitHub Actions)',
      collect,
    )
    .option('--timeout <ms>', 'give up on a request after this many milliseconds', '30000')
    .option(
      '--max-retry-wait <seconds>',
      'most the whole run may wait between retries of 429s and connection resets (default: 60)',
    )
    .option('--cacert <file>', 'trust the CA certificates in this PEM file, in addition to the usual roots')
    .option('-k, --insecure', 'do not verify the server certificate (unsafe; warns on every run)')
    .option('-g, --grep <text>', 'run only scenarios whose name or file contains this text')
    .option(
      '--only <scenario[:step]>',
      'run one scenario, or one step (a number or name) after the earlier steps it needs, then clean up',
    )
    .option('--dry-run', 'print the requests each IdP profile would send, against simulated answers; sends nothing')
    .option(
      '--har <file>',
      'write every request and response (redacted) as HAR 1.2, also when the run fails or is interrupted',
    )
    .option(
      '--waivers <file>',
      'YAML list of known failures accepted until a date: {check, scenario?, step?, reason, until}',
    )
    .option(
      '--baseline <file>',
      'an earlier JSON report (--reporter json=FILE): show which root causes are new, fixed or still failing',
    )
    .option(
      '--fail-on <when>',
      'any: every failure fails the run (default); new: only a root cause not in the --baseline report',
    )
    .option('--bail', 'stop after the first failed or errored step (cleanup still runs)')
    .option('--keep', 'do not delete what the run created, to inspect it afterwards')
    .option('--strict', 'treat warnings (SHOULD-level findings) as failures')
    .option(
      '--check <glob>',
      'run only checks whose check ID matches, e.g. FILTER-* (repeatable; see `scim-check list checks`)',
      collect,
    )
    .option('--skip-check <glob>', 'leave out checks whose ID matches, e.g. DT-UNASSIGNED (repeatable)', collect)
    .option(
      '--standard <name>',
      'also judge a draft profile: interop-01, ipsie-al1 or ipsie-al2 (repeatable; alone, runs its own scenarios; see `scim-check list standards`)',
      collect,
    )
    .option('-v, --verbose', 'show every request and every passed check')
    .addOption(new Option('--color', 'force colour'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR=1)'))
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (scenarios: string[], options) => {
      const { runCommand } = await import('./commands/run.js');
      setExitCode(await runCommand(scenarios, options, io));
    });

  program
    .command('explain')
    .description('explain a check: the rule, its RFC section, why IdPs care, and how servers usually fix it')
    .argument('<id>', 'a check ID, e.g. PATCH-MEMBERS-ADD (see `scim-check list checks`)')
    .option('--json', 'print JSON instead of text')
    .action(async (id: string, options) => {
      const { explainCommand } = await import('./commands/explain.js');
      setExitCode(await explainCommand(id, options, io));
    });

  program
    .command('init')
    .description('write a starter scenario, a waivers file and a GitHub Actions workflow')
    .argument('[dir]', 'project directory', '.')
    .option('-f, --force', 'overwrite files that already exist')
    .action(async (dir: string, options) => {
      const { initCommand } = await import('./commands/init.js');
      setExitCode(await initCommand(dir, options, io));
    });

  program
    .command('list')
    .description('list the built-in scenarios and IdP profiles, the check catalogue, or the standard packs')
    .argument('[topic]', 'scenarios, profiles, checks or standards')
    .option('--json', 'print JSON instead of a table')
    .option('--coverage', 'profiles: dry-run the built-in scenarios and show which documented request each sends')
    .action(async (topic: string | undefined, options) => {
      const { listCommand } = await import('./commands/list.js');
      setExitCode(await listCommand(topic, options, io));
    });

  program
    .command('validate')
    .description('check scenario files against the scenario schema without sending anything')
    .argument('<files...>', 'scenario files or directories')
    .action(async (files: string[]) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExitCode(await validateCommand(files, io));
    });

  const matrix = addTargetOptions(
    program
      .command('matrix')
      .description(
        'replay the user-lifecycle and group-push flows under every IdP profile and print an IdP × flow compatibility table',
      ),
  )
    .option('--idp <name>', 'only this profile; repeatable (default: every profile)', collect)
    .option(
      '--standard <name>',
      'also run a draft profile (interop-01, ipsie-al1, ipsie-al2; repeatable) and print its conflicts with the IdPs',
      collect,
    )
    .option(
      '-r, --reporter <name[=file]>',
      'pretty, json or html; json=FILE or html=FILE writes that report there and still prints the table',
      'pretty',
    )
    .addOption(new Option('--color', 'force colour'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR=1)'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ scim-check matrix\n  $ scim-check matrix --base-url https://app.example.com/scim/v2 --token-file token.txt --reporter json\n',
    )
    .action(async (options) => {
      const { matrixCommand } = await import('./commands/matrix.js');
      setExitCode(await matrixCommand(options, io));
    });
  addTransportOptions(matrix);

  program
    .command('serve')
    .description('start the embedded reference SCIM server, to explore it or to compare your server with it')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('-t, --token <token>', 'bearer token clients must send (generated when not given)')
    .option('--data <file>', 'keep the data in this JSON file across restarts')
    .option('--seed <n>', 'preload N users (demos and benchmarks)')
    .option('--oauth', 'also be an OAuth 2.0 authorization server: POST /oauth/token issues client-credentials tokens')
    .option('--token-lifetime <seconds>', 'with --oauth: how long an access token is valid', '3600')
    .option(
      '--assertion-public-key <pem-file>',
      'with --oauth: also issue tokens for client assertions (RFC 7523) signed by the private half of this public key',
    )
    .addHelpText('after', '\nExample:\n  $ scim-check serve --port 8080 --token dev-token --data ./scim-data.json\n')
    .action(async (options) => {
      const { serveCommand } = await import('./commands/serve.js');
      setExitCode(await serveCommand(options, io));
    });

  program
    .command('load')
    .description(
      'run an initial sync as the IdP would (users, groups, memberships, then incremental changes) and report throughput, latency and errors',
    )
    .option('--idp <name>', 'IdP profile whose request pattern to replay', 'okta')
    .option('--users <n>', 'users to provision', '1000')
    .option('--groups <n>', 'groups to push', '10')
    .option('--members-per-group <n>', 'initial members of each group', '10')
    .option('-c, --concurrency <n>', "parallel requests (the IdP's connection count)", '8')
    .option('--rate <r/s>', 'at most this many requests per second, e.g. 25/s')
    .option('--changes <n>', 'incremental changes after the sync (default: a tenth of --users)')
    .option('--duration <time>', 'send incremental changes for this long instead, e.g. 60s')
    .option('--sample <fraction>', 'fraction of created users and groups read back and verified', '0.01')
    .option(
      '--max-error-rate <fraction>',
      "exit 1 when more than this fraction of requests, or of the users, groups or changes phase's actions, fail, e.g. 0.01 or 1%",
      '0',
    )
    .option(
      '-u, --base-url <url>',
      'SCIM base URL (env SCIM_CHECK_BASE_URL); the embedded reference server when absent',
    )
    .option('-t, --token <token>', 'bearer token (env SCIM_CHECK_TOKEN)')
    .option('--token-file <file>', 'read the bearer token from a file')
    .option(
      '-r, --reporter <name[=file]>',
      'pretty (default), json (to stdout, or a file with json=FILE) or html=FILE (a page with a latency chart)',
    )
    .option('--timeout <ms>', 'give up on a request after this many milliseconds, body included', '30000')
    .option(
      '--max-retry-wait <seconds>',
      'most the whole run may wait between retries of 429s and connection resets (default: 60)',
    )
    .option('--keep', 'do not delete what the run created')
    .addHelpText(
      'after',
      '\nExample:\n  $ scim-check load --idp okta --users 10000 --groups 200 --members-per-group 50 --concurrency 32 --base-url https://app.example.com/scim/v2 --token-file token.txt\n\nExit codes: 0 passed; 1 more requests failed than --max-error-rate allows, or more of the users, groups or\n            changes actions (an action fails when a request it needs failed, or when it would write to\n            something the run did not create), the test connection failed, a sampled resource did not\n            read back as sent, or something the run created could not be deleted;\n            2 could not run as asked; 130 interrupted (cleanup still ran).\n',
    )
    .action(async (options) => {
      const { loadCommand } = await import('./commands/load.js');
      setExitCode(await loadCommand(options, io));
    });

  program
    .command('record')
    .description(
      'a recording proxy between a real IdP and a SCIM server: forwards every request unchanged and writes the traffic (redacted) as HAR 1.2',
    )
    .option('--target <url>', 'SCIM base URL to forward to (default: the embedded reference server)')
    .requiredOption('--har <file>', 'HAR file to write; complete after every request, so a crash keeps the recording')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8443')
    .option('--listen-host <host>', 'address to listen on; anything but loopback warns', '127.0.0.1')
    .option('--cert <file>', 'PEM certificate: terminate TLS (IdPs only call https URLs); needs --key')
    .option('--key <file>', 'PEM private key for --cert')
    .option('--timeout <ms>', 'give up on the target after this many milliseconds (the IdP gets a 502)', '60000')
    .option('--cacert <file>', "trust the CA certificates in this PEM file for the target's certificate")
    .option('-k, --insecure', "do not verify the target's certificate (unsafe; warns)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ scim-check record --target https://app.example.com/scim/v2 --port 8443 --har idp-traffic.har\n  $ cloudflared tunnel --url http://localhost:8443   # then give the IdP https://<tunnel>/scim/v2\n  $ scim-check record --har okta.har   # in front of the embedded reference server\n',
    )
    .action(async (options) => {
      const { recordCommand } = await import('./commands/record.js');
      setExitCode(await recordCommand(options, io));
    });

  const replay = program
    .command('replay')
    .description(
      'send the requests of a recording (scim-check record --har) again, in order, to another server, mapping the ids it creates, with the usual checks and cleanup',
    )
    .argument('<file>', 'a HAR 1.2 file')
    .option('--idp <name>', 'judge the replay as this IdP (default: the IdP recognised in the recording)')
    .option('-r, --reporter <name[=file]>', 'pretty, json, junit, github, har or html, as for run; repeatable', collect)
    .option('--har <file>', 'write the replayed requests and responses (redacted) as HAR 1.2')
    .option('--keep', 'do not delete what the replay created')
    .option('-v, --verbose', 'show every request and every passed check')
    .addOption(new Option('--color', 'force colour'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR=1)'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ scim-check replay idp-traffic.har\n  $ scim-check replay idp-traffic.har --base-url https://staging.example.com/scim/v2 --token-file token.txt --reporter json=replay.json\n\nExit codes as run: 0 passed, 1 a replayed request failed or errored, 2 could not run as asked, 130 interrupted.\n',
    )
    .action(async (file: string, options) => {
      const { replayCommand } = await import('./commands/replay.js');
      setExitCode(await replayCommand(file, options, io));
    });
  addTransportOptions(addTargetOptions(replay), 'replay');

  const scenario = program
    .command('scenario')
    .description('turn recorded IdP traffic (a HAR) into a draft scenario, or diff it against an IdP profile');
  scenario
    .command('from-har')
    .description(
      "draft a scenario from a HAR: the IdP's requests become admin actions (assignUser, deactivateUser, pushGroup, …), the rest raw request steps; personal data and credentials are replaced",
    )
    .argument('<file>', 'a HAR 1.2 file (scim-check record --har, run --har, or a browser/proxy export)')
    .option('--idp <name>', "read the traffic as this IdP profile (default: the recording's tag or User-Agent)")
    .option('-o, --output <file>', 'write the draft here instead of stdout')
    .option('-f, --force', 'overwrite the --output file if it exists')
    .addHelpText(
      'after',
      '\nExamples:\n  $ scim-check scenario from-har idp-traffic.har -o okta-session.yaml\n  $ scim-check run okta-session.yaml --base-url https://app.example.com/scim/v2 --token-file token.txt\n',
    )
    .action(async (file: string, options) => {
      const { fromHarCommand } = await import('./commands/scenario.js');
      setExitCode(await fromHarCommand(file, options, io));
    });
  scenario
    .command('drift')
    .description(
      'for every action recognised in a HAR, what the IdP profile would send next to what was recorded: method, path, query and filter, body keys, op casing, value types, headers',
    )
    .argument('<file>', 'a HAR 1.2 file')
    .option('--idp <name>', "the profile to compare with (default: the recording's tag or User-Agent)")
    .option(
      '-r, --reporter <name>',
      'pretty (default) or json (per action: recorded, predicted, differences, evidence)',
    )
    .option('--fail-on-drift', 'exit 1 when any action drifts (default: report and exit 0)')
    .addHelpText(
      'after',
      "\nA maintainer's tool: it reports and exits 0, drift or not, so it can run over a folder of recordings;\nadd --fail-on-drift to gate on it. The json reporter gives each drifting action an `observed`\nevidence entry (src/idp/evidence.ts) dated by the recording, for the profile's quirks.\n\nExamples:\n  $ scim-check scenario drift idp-traffic.har --idp okta\n  $ scim-check scenario drift idp-traffic.har --reporter json > drift.json\n\nExit codes: 0 reported (1 with --fail-on-drift and drift), 2 unreadable HAR or bad flag.\n",
    )
    .action(async (file: string, options) => {
      const { driftCommand } = await import('./commands/scenario.js');
      setExitCode(await driftCommand(file, options, io));
    });

  const readiness = program
    .command('readiness')
    .description(
      "replay a vendor's own validation offline and say, test by test, whether the server would pass: entra-gallery (Microsoft's Entra app gallery) or okta-oin (Okta's OIN submission)",
    )
    .argument('<suite>', 'entra-gallery or okta-oin')
    .option(
      '-r, --reporter <name[=file]>',
      'pretty (the table, default), json (the same rows as JSON on stdout) or json=FILE (the table still prints)',
    )
    .option('--har <file>', 'write every request and response (redacted) as HAR 1.2')
    .option('-v, --verbose', "also show each test's source document, what it sends, and the notes of ready rows")
    .addOption(new Option('--color', 'force colour'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR=1)'))
    .addHelpText('after', READINESS_HELP)
    .action(async (suite: string, options) => {
      const { readinessCommand } = await import('./commands/readiness.js');
      setExitCode(await readinessCommand(suite, options, io));
    });
  addTransportOptions(
    addTargetOptions(readiness, {
      baseUrl:
        'SCIM base URL (env SCIM_CHECK_BASE_URL); the embedded reference server, over OAuth client credentials, when absent',
      token: 'bearer token (env SCIM_CHECK_TOKEN); the gallery itself wants OAuth, see below',
    }),
  );
  addOAuthOptions(readiness);

  // OAuth client credentials instead of a bearer token (src/cli/oauth-options.ts).
  for (const name of ['run', 'load', 'matrix']) {
    const command = program.commands.find((candidate) => candidate.name() === name);
    if (command !== undefined) addOAuthOptions(command);
  }

  return program;
}

/**
 * The CLI entry: parses `argv` (without node and the script), runs the command and resolves to
 * the exit code. It never calls process.exit, so piped reports are always complete.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = guardIo({
    stdout: tolerateClosedPipe(io.stdout ?? process.stdout),
    stderr: tolerateClosedPipe(io.stderr ?? process.stderr),
    env: io.env ?? readEnvironment(),
    cwd: io.cwd ?? process.cwd(),
  });
  let exitCode: number = EXIT.ok;
  const program = buildProgram(fullIo, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every parse error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    printError(fullIo, error);
    // Anything the user can fix is a ScimCheckError (exit 2); anything else is a bug of ours.
    return error instanceof ScimCheckError ? EXIT.usage : EXIT.failed;
  }
}
