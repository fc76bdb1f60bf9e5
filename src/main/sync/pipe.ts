/**
 * Pipe(duplex = true): two connected ends (Python's multiprocessing.Pipe). Duplex ends both
 * send and receive; Pipe(false) returns [a, b] where a only receives and b only sends.
 */
import { Connection } from './connection.js';
import { PipeChannel } from './pipe-channel.js';

export function Pipe<T = unknown>(duplex = true): [Connection<T>, Connection<T>] {
  if (typeof duplex !== 'boolean') throw new TypeError('Pipe(duplex): duplex must be a boolean');
  const toA = new PipeChannel();
  if (!duplex) return [new Connection<T>(toA, undefined), new Connection<T>(undefined, toA)];
  const toB = new PipeChannel();
  return [new Connection<T>(toA, toB), new Connection<T>(toB, toA)];
}
