import { Command, CommanderError, Option } from 'commander';
import { ScimCheckError } from '../errors.js';
import { tolerateClosedPipe } from './closed-pipe.js';
import { readEnvironment } from './environment.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, guardIo } from './io.js';
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

/** A repeatable option. No `[]` default is declared: commander would print "(default: [])" in --help. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
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

  program
    .command('matrix')
    .description(
      'replay the user-lifecycle and group-push flows under every IdP profile and print an IdP × flow compatibility table',
    )
    .option(
      '-u, --base-url <url>',
      'SCIM base URL (env SCIM_CHECK_BASE_URL); the embedded reference server when absent',
    )
    .option('-t, --token <token>', 'bearer token (env SCIM_CHECK_TOKEN)')
    .option('--token-file <file>', 'read the bearer token from a file')
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
    .option('--timeout <ms>', 'give up on a request after this many milliseconds', '30000')
    .option(
      '--max-retry-wait <seconds>',
      'most the whole run may wait between retries of 429s and connection resets (default: 60)',
    )
    .option('--cacert <file>', 'trust the CA certificates in this PEM file, in addition to the usual roots')
    .option('-k, --insecure', 'do not verify the server certificate (unsafe; warns on every run)')
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

  program
    .command('serve')
    .description('start the embedded reference SCIM server, to explore it or to compare your server with it')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('-t, --token <token>', 'bearer token clients must send (generated when not given)')
    .option('--data <file>', 'keep the data in this JSON file across restarts')
    .option('--seed <n>', 'preload N users (demos and benchmarks)')
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
