import { Command, CommanderError, Option } from 'commander';
import { ScimCheckError } from '../errors.js';
import { readEnvironment } from './environment.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
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
  $ scim-check run my-flow.yaml --idp okta-aiw --verbose
      replay a scenario as another IdP would, showing every request

The base URL and token may also come from SCIM_CHECK_BASE_URL and SCIM_CHECK_TOKEN.
Exit codes: 0 all checks passed, 1 a check failed or a step errored,
            2 could not run as asked (bad flag, invalid scenario, unreachable server, token refused),
            130 interrupted (cleanup still ran).`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the program; each command module is imported only when its command runs (fast --version). */
function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('scim-check')
    .description('Replays what Okta, Entra ID, Google and Keycloak send to a SCIM 2.0 server, and checks every response and the resulting state against RFC 7643/7644.')
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
    .argument('[scenarios...]', 'scenario files, directories, or built-in scenario names (default: every built-in scenario)')
    .option('-u, --base-url <url>', 'SCIM base URL, e.g. https://app.example.com/scim/v2 (env SCIM_CHECK_BASE_URL)')
    .option('-t, --token <token>', 'bearer token (env SCIM_CHECK_TOKEN; prefer the env var or --token-file, which keep it out of shell history)')
    .option('--token-file <file>', 'read the bearer token from a file')
    .option('--idp <name>', 'replay every scenario as this IdP instead of its own `idp:` (see `scim-check list profiles`)')
    .option('-r, --reporter <name[=file]>', 'pretty or json, to stdout or to a file with =FILE; repeatable', collect, [])
    .option('--timeout <ms>', 'give up on a request after this many milliseconds', '30000')
    .option('-g, --grep <text>', 'run only scenarios whose name or file contains this text')
    .option('--bail', 'stop after the first failed or errored step (cleanup still runs)')
    .option('--keep', 'do not delete what the run created, to inspect it afterwards')
    .option('--strict', 'treat warnings (SHOULD-level findings) as failures')
    .option('-v, --verbose', 'show every request and every passed check')
    .addOption(new Option('--color', 'force colour'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR=1)'))
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (scenarios: string[], options) => {
      const { runCommand } = await import('./commands/run.js');
      setExitCode(await runCommand(scenarios, options, io));
    });

  program
    .command('list')
    .description('list the built-in scenarios and IdP profiles, or the check catalogue')
    .argument('[topic]', 'scenarios, profiles or checks')
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

  return program;
}

/**
 * `scim-check list | head` closes the pipe early; that is the reader's choice, not a crash.
 * Without a listener, the EPIPE 'error' event would end the process with a stack trace.
 */
function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * The CLI entry: parses `argv` (without node and the script), runs the command and resolves to
 * the exit code. It never calls process.exit, so piped reports are always complete.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, env: io.env ?? readEnvironment(), cwd: io.cwd ?? process.cwd() };
  ignoreClosedPipe(fullIo.stdout);
  ignoreClosedPipe(fullIo.stderr);
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
