/** RawArray: a SharedArray without a lock (Python's multiprocessing.RawArray); getLock() throws. */
import { SharedArray } from './shared-array.js';
import type { Typecode, TypecodeInput } from '../../shared/typecodes.js';

export class RawArray<C extends Typecode = Typecode> extends SharedArray<C> {
  constructor(typecode: C, sizeOrInit: number | Iterable<TypecodeInput<C>>) {
    super(typecode, sizeOrInit, { lock: false });
  }
}
