/**
 * Group commit: appends that arrive while a transaction is in flight are
 * gathered and committed together by the next one. Under load this turns
 * many small lock-and-commit round trips into few large ones, with no added
 * latency when idle (the first append starts at once).
 * @module
 */

/** Options of {@linkcode createGroupCommit}. */
export interface GroupCommitOptions {
  /** Most items per transaction (one request's batch is never split). */
  readonly maxItems: number;
  /** The error returned to appends made after `close()`. */
  readonly closedError: () => Error;
}

interface Waiting<T, R> {
  readonly items: readonly T[];
  readonly resolve: (results: R[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Serialises `commit` calls and batches the items submitted meanwhile. */
export function createGroupCommit<T, R>(
  commit: (items: readonly T[]) => Promise<R[]>,
  options: GroupCommitOptions,
) {
  const queue: Waiting<T, R>[] = [];
  let draining: Promise<void> | undefined;
  let closed = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const group: Waiting<T, R>[] = [queue.shift()!];
      let count = group[0]!.items.length;
      while (queue.length > 0 && count + queue[0]!.items.length <= options.maxItems) {
        const next = queue.shift()!;
        group.push(next);
        count += next.items.length;
      }
      try {
        const results = await commit(group.flatMap((w) => w.items));
        let offset = 0;
        for (const waiting of group) {
          waiting.resolve(results.slice(offset, offset + waiting.items.length));
          offset += waiting.items.length;
        }
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    draining = undefined;
  }

  return {
    /** Resolves with one result per item once they are committed. */
    submit(items: readonly T[]): Promise<R[]> {
      if (closed) return Promise.reject(options.closedError());
      return new Promise<R[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        draining ??= drain();
      });
    },
    /** Waits until everything submitted so far is committed (or failed). */
    async flush(): Promise<void> {
      while (draining) await draining;
    },
    /** Refuses new appends and waits for pending ones: graceful shutdown. */
    async close(): Promise<void> {
      closed = true;
      while (draining) await draining;
    },
  };
}
