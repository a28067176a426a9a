import { createRedactor, type Redactor, redactNothing } from '../http/redactor.js';
import { neutraliseWorkflowCommands } from './github/workflow-command.js';
import { terminalText } from './terminal-text.js';
import { writeText } from './write-text.js';

/*
 * The last pass over every output, at the sinks: every stream and file scim-check writes to is
 * wrapped once (stdout and stderr by the CLI, report files by the reporter registry), so no
 * reporter can forget it. Whatever a reporter rendered (terminal text, JSON, JUnit, HAR, Markdown)
 * is redacted of every secret the command uses, after decoding (src/http/redactor.ts); text for
 * stdout and stderr is made inert (terminal escapes shown, not obeyed; workflow commands not run
 * under GitHub Actions).
 */

/** Where a write ends up. */
export interface Sink {
  /** `terminal`: stdout or stderr (a terminal, a pipe or a CI log); `file`: a report file. */
  kind: 'terminal' | 'file';
  /** An interactive stderr, where a spinner may move the cursor and erase its line. */
  progress?: boolean;
}

/** The secrets a command uses, and how text must look on each sink. */
export interface OutputGuard {
  /** Redacts every secret protected so far (the same pass the sinks apply). */
  redact: Redactor;
  /** Adds secrets: everything written from now on is redacted of them too. */
  protect(secrets: readonly (string | undefined)[]): void;
  /** `text` as it may reach `sink`; `ownCommands` for scim-check's own workflow commands. */
  render(text: string, sink: Sink, ownCommands?: boolean): string;
}

/** `githubActions`: stdout and stderr are a GitHub Actions log, which runs workflow commands. */
export function createOutputGuard(options: { githubActions: boolean }): OutputGuard {
  const secrets: string[] = [];
  let redact: Redactor = redactNothing;
  return {
    redact: (text) => redact(text),
    protect(more) {
      const added = more.filter(
        (secret): secret is string => secret !== undefined && secret !== '' && !secrets.includes(secret),
      );
      if (added.length === 0) return;
      secrets.push(...added);
      // Built once per new secret, never per write.
      redact = createRedactor(secrets);
    },
    render(text, sink, ownCommands = false) {
      const redacted = redact(text);
      if (sink.kind === 'file') return redacted;
      const inert = terminalText(redacted, { progress: sink.progress === true });
      return options.githubActions ? neutraliseWorkflowCommands(inert, ownCommands) : inert;
    },
  };
}

const WRITE_OWN_COMMANDS = Symbol('scim-check: write own workflow commands');
const guarded = new WeakSet<object>();

type Chunk = string | Uint8Array;
type WriteCallback = (error?: Error | null) => void;

/**
 * `stream` with every write passed through `guard.render` for `sink`. Everything else (isTTY,
 * columns, cursorTo, on, end …) is the stream's own, so a spinner or a pipe check sees the real
 * stream. Wrapping a guarded stream again returns it as it is.
 */
export function guardStream<S extends NodeJS.WritableStream>(stream: S, guard: OutputGuard, sink: Sink): S {
  if (guarded.has(stream)) return stream;
  // The stream's own write, as it is now: what every guarded write ends in.
  const rawWrite = stream.write.bind(stream) as (chunk: string, callback?: WriteCallback) => boolean;
  const text = (chunk: Chunk): string => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const write = (
    chunk: Chunk,
    encodingOrCallback?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean =>
    rawWrite(guard.render(text(chunk), sink), typeof encodingOrCallback === 'function' ? encodingOrCallback : callback);
  const end = (
    chunkOrCallback?: Chunk | (() => void),
    encodingOrCallback?: BufferEncoding | (() => void),
    callback?: () => void,
  ): S => {
    if (typeof chunkOrCallback === 'string' || chunkOrCallback instanceof Uint8Array) {
      stream.end(
        guard.render(text(chunkOrCallback), sink),
        typeof encodingOrCallback === 'function' ? encodingOrCallback : callback,
      );
    } else {
      stream.end(chunkOrCallback);
    }
    return proxy;
  };
  const writeOwnCommands = (chunk: string, callback: WriteCallback): boolean =>
    rawWrite(guard.render(chunk, sink, true), callback);
  // ora hooks `stream.write` while it spins (and puts the original back): the hook wraps the
  // guarded write, and the guarded write ends in the raw one, so neither can loop into the other.
  let hookedWrite: unknown;
  const bound = new Map<PropertyKey, unknown>();
  const proxy = new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return hookedWrite ?? write;
      if (property === 'end') return end;
      if (property === WRITE_OWN_COMMANDS) return writeOwnCommands;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Bound once, so `stream.on === stream.on` and listeners come off the way they went on.
      if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(target));
      return bound.get(property);
    },
    set(target, property, value: unknown) {
      if (property !== 'write') return Reflect.set(target, property, value, target);
      hookedWrite = value === write ? undefined : value;
      return true;
    },
  });
  guarded.add(proxy);
  return proxy;
}

/**
 * Writes scim-check's own workflow commands (annotations): through the guard, but with their line
 * starts left as commands. On a stream that is not guarded (a test's), a plain write.
 */
export function writeOwnWorkflowCommands(stream: NodeJS.WritableStream, text: string): Promise<void> {
  const own = (
    stream as NodeJS.WritableStream & { [WRITE_OWN_COMMANDS]?: (chunk: string, callback: WriteCallback) => boolean }
  )[WRITE_OWN_COMMANDS];
  if (own === undefined) return writeText(stream, text);
  return new Promise((resolve, reject) => {
    own(text, (error) => (error ? reject(error) : resolve()));
  });
}
