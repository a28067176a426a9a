import type { LoadPhaseName } from '../load/load-result.js';

const WIDTH = 24;
const REDRAW_MS = 100;

export interface ProgressBar {
  /** `requests` is the number of requests sent so far in the whole run, for the request rate. */
  update(phase: LoadPhaseName, done: number, total: number | undefined, requests: number): void;
  /** Ends the last line, so the summary starts on a fresh one. */
  finish(): void;
}

function seconds(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

/**
 * A one-line progress bar per phase with rate and ETA, redrawn in place at most every 100 ms.
 * The CLI creates it only for an interactive stderr (never in CI logs or pipes).
 */
export function createProgressBar(stream: NodeJS.WritableStream): ProgressBar {
  let phase: LoadPhaseName | undefined;
  let phaseStarted = 0;
  let requestsAtStart = 0;
  let lastDraw = 0;
  let lineOpen = false;
  let requests = 0;

  function draw(done: number, total: number | undefined): void {
    const elapsed = performance.now() - phaseStarted;
    const rate = elapsed > 0 ? (done * 1000) / elapsed : 0;
    const requestRate = elapsed > 0 ? ((requests - requestsAtStart) * 1000) / elapsed : 0;
    let bar: string;
    let eta = '';
    if (total !== undefined && total > 0) {
      const filled = Math.round((done / total) * WIDTH);
      bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`;
      eta = rate > 0 ? `  ETA ${seconds(((total - done) / rate) * 1000)}` : '';
    } else {
      bar = `${done} done`;
    }
    stream.write(
      `\r\x1b[2K${(phase ?? '').padEnd(8)} ${bar}  ${Math.round(rate)} actions/s  ${Math.round(requestRate)} req/s  ${seconds(elapsed)}${eta}`,
    );
    lineOpen = true;
  }

  return {
    update(name, done, total, requestsSoFar) {
      const now = performance.now();
      requests = requestsSoFar;
      if (name !== phase) {
        if (lineOpen) stream.write('\n');
        phase = name;
        phaseStarted = now;
        requestsAtStart = requestsSoFar;
        lastDraw = 0;
      }
      if (now - lastDraw < REDRAW_MS && done !== total) return;
      lastDraw = now;
      draw(done, total);
    },
    finish() {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
    },
  };
}
