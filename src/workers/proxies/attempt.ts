/** Runs `fn`, turning a synchronous throw into a rejection: every proxy method is a promise. */
export function attempt<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
