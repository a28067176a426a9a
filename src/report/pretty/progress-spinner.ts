import type { Ora } from 'ora';

/**
 * The one-line progress on stderr (`okta-group-push › 5/14 pushGroup eng`), shown only when the
 * CLI says stderr is interactive. ora is loaded on first use because it pulls in a dozen modules
 * that a CI run, a pipe or `--reporter json` never needs.
 */
export class ProgressSpinner {
  private spinner: Ora | undefined;
  private loading: Promise<void> | undefined;
  private text = '';
  private stopped = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly color: boolean,
  ) {}

  /** Shows `text`, starting the spinner on first call. */
  show(text: string): void {
    this.text = text;
    if (this.stopped) return;
    if (this.spinner !== undefined) {
      this.spinner.text = text;
      return;
    }
    this.loading ??= import('ora').then(
      ({ default: ora }) => {
        if (this.stopped) return;
        this.spinner = ora({
          text: this.text,
          stream: this.stream,
          // The CLI already decided the stream is interactive; don't let ora second-guess it.
          isEnabled: true,
          // Raw-mode stdin would swallow the terminal's SIGINT, which the CLI relies on to run cleanup.
          discardStdin: false,
          color: this.color ? 'cyan' : false,
        }).start();
      },
      () => {
        // Progress is cosmetic: if ora cannot load, the run simply has no spinner.
      },
    );
  }

  /** Erases the current frame so a printed line does not land on it; the next frame redraws below. */
  clear(): void {
    this.spinner?.clear();
  }

  /** Stops and erases the spinner for good; waits for a pending load so nothing starts afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loading;
    this.spinner?.stop();
    this.spinner = undefined;
  }
}
