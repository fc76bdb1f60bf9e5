/** RawValue: a Value without a lock (Python's multiprocessing.RawValue); getLock() throws. */
import type { Typecode, TypecodeInput } from '../../shared/typecodes.js';
import { Value } from './value.js';

export class RawValue<C extends Typecode = Typecode> extends Value<C> {
  constructor(typecode: C, init?: TypecodeInput<C>) {
    super(typecode, init, { lock: false });
  }
}
