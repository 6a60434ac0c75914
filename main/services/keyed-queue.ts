/**
 * Runs work one at a time per key, in call order; different keys run concurrently. A failed task
 * does not stop the ones queued after it. Keys with nothing queued are forgotten.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<void>>();
  return function run<R>(key: string, work: () => Promise<R>): Promise<R> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
