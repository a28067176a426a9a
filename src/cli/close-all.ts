/**
 * Runs every closer even when an earlier one fails, then rethrows the first failure. A report
 * file that cannot be flushed must not leave the embedded server listening or the executor's
 * sockets open: either would keep the process alive after it has printed its error.
 */
export async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  let first: { error: unknown } | undefined;
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}
