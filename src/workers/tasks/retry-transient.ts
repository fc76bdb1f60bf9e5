/**
 * Runs an operation again when it fails with a transient error (EBUSY, EAGAIN, EMFILE,
 * ENFILE), waiting a little longer each time: a busy file or a moment without file
 * descriptors should not fail a copy of a million files. Anything else fails at once.
 */
import { errorCode, transientCodes } from './copy-error.js';

/** Waits before the 2nd, 3rd and 4th attempt. */
export const defaultDelaysMs: readonly number[] = [25, 100, 400];

export async function retryTransient<T>(
  operation: (attempt: number) => Promise<T>,
  options: { signal?: AbortSignal; delaysMs?: readonly number[] } = {},
): Promise<T> {
  const delays = options.delaysMs ?? defaultDelaysMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= delays.length || code === undefined || !transientCodes.has(code)) throw error;
      await pause(delays[attempt]!, options.signal);
    }
  }
}

/** Waits, unless the signal aborts first: then rejects with its reason, so cancelling is never delayed. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
