/** A promise with its resolve exposed: a gate a test opens when it chooses. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Follows a promise's state without changing it, so a test can assert "not finished yet" by state, not time. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; readonly settled: boolean } {
  const state = { settled: false };
  const followed = promise.finally(() => {
    state.settled = true;
  });
  // The caller awaits `promise`; this only keeps an early rejection from being reported as unhandled.
  followed.catch(() => undefined);
  return {
    promise: followed,
    get settled() {
      return state.settled;
    },
  };
}
