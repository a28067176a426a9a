/**
 * Writes `text` and resolves once the stream has accepted it, so `finish` can promise that
 * the output is flushed before the CLI sets its exit code (DESIGN.md: never truncate piped output).
 * Writes on a stream are ordered, so awaiting the last one covers the earlier ones too.
 */
export function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error?: Error | null) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
