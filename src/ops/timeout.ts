/** The promise's value, or a rejection once `ms` have passed first. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  promise.catch(() => undefined); // a late rejection after the timeout is nobody's to handle
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
