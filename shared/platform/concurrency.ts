/**
 * Runs `fn` over items with at most `limit` in flight; results keep the input order.
 *
 * On the first failure no further item is started, and the returned promise rejects with that
 * error only once the items already running have settled: when a caller (a job) learns that it
 * failed, nothing of it is still working in the background (a Lambda that returned would otherwise
 * resume those calls when its environment is thawed for the next invocation).
 */
export const mapLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
) => {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
};
