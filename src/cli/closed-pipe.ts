type WriteCallback = (error?: Error | null) => void;

function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE';
}

/**
 * `scim-check run | head`: once the reader has gone, writes to the stream are dropped instead of
 * failing. The run itself must go on (its cleanup deletes what it created) and end with its own
 * exit code; an EPIPE was an "internal error" with a stack trace and exit 1. Only EPIPE is
 * swallowed; any other write error still reaches the writer.
 */
export function tolerateClosedPipe<S extends NodeJS.WritableStream>(stream: S): S {
  let closed = false;
  stream.on('error', (error) => {
    if (isClosedPipe(error)) closed = true;
    else if (stream.listenerCount('error') === 1) throw error;
  });
  const rawWrite = stream.write.bind(stream) as (
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ) => boolean;
  const write = (
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean => {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (closed) {
      if (done) queueMicrotask(() => done(null));
      return true;
    }
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    return rawWrite(chunk, encoding, (error) => {
      if (isClosedPipe(error)) closed = true;
      done?.(isClosedPipe(error) ? null : error);
    });
  };
  (stream as { write: typeof write }).write = write;
  return stream;
}
