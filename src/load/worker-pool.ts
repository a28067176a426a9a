/**
 * Runs `task(0) … task(total - 1)` with at most `concurrency` in flight, the way an IdP's
 * provisioning workers pull the next object off the queue. Stops handing out work when
 * `shouldStop()` turns true (Ctrl-C, `--duration` over); tasks already running finish.
 */
export async function runPool(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < total && !shouldStop()) {
      const index = next++;
      await task(index);
      done += 1;
    }
  }
  const workers = Math.max(1, Math.min(concurrency, total === Infinity ? concurrency : total));
  await Promise.all(Array.from({ length: workers }, worker));
  return done;
}
