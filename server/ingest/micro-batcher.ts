export interface BatchingOptions {
  /** A batch goes as soon as it holds this many items… */
  maxSize: number;
  /** …or this long after its first item arrived. */
  maxWaitMs: number;
}

/**
 * Gathers items handed in one at a time (by concurrent queue jobs: BullMQ's open-source worker
 * has no batches) into batches, and settles each item's promise with its own outcome in the batch.
 */
export function createMicroBatcher<Item>(
  { maxSize, maxWaitMs }: BatchingOptions,
  processBatch: (items: Item[]) => Promise<Array<PromiseSettledResult<void>>>,
): (item: Item) => Promise<void> {
  let pending: Array<{ item: Item; resolve: () => void; reject: (reason: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    processBatch(batch.map(({ item }) => item)).then(
      (outcomes) =>
        batch.forEach(({ resolve, reject }, index) => {
          const outcome = outcomes[index];
          if (outcome?.status === 'fulfilled') resolve();
          else reject(outcome ? outcome.reason : new Error('The batch gave no outcome for this item'));
        }),
      (error: unknown) => batch.forEach(({ reject }) => reject(error)),
    );
  };

  return (item) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxSize) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
    });
}
