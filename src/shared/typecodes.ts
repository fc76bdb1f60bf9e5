/**
 * Python's typecodes (array module / ctypes) and the C type each stands for. Values are kept
 * in a typed array of that type, so they are stored the way C stores them: an 'i' wraps at
 * 32 bits, a 'B' at 8, an 'f' is rounded to single precision. The 64-bit integer codes ('l',
 * 'L', 'q', 'Q'; C long is 64 bits on Linux and macOS) read as bigint. Shared by the parent's
 * Value and SharedArray and their worker proxies, which coerce alike while they hold a lease.
 */

export type IntTypecode = 'b' | 'B' | 'h' | 'H' | 'i' | 'I';
export type BigTypecode = 'l' | 'L' | 'q' | 'Q';
export type FloatTypecode = 'f' | 'd';
export type CharTypecode = 'c' | 'u';
export type Typecode = IntTypecode | BigTypecode | FloatTypecode | CharTypecode;

/** What get() returns for a typecode. */
export type TypecodeValue<C extends Typecode> = C extends BigTypecode ? bigint : C extends CharTypecode ? string : number;
/** What set() accepts for a typecode ('c' takes a byte value too, 64-bit codes take integers as numbers). */
export type TypecodeInput<C extends Typecode> = C extends BigTypecode
  ? bigint | number
  : C extends 'c'
    ? string | number
    : C extends 'u'
      ? string
      : number;

type Store = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;
type Family = 'int' | 'big' | 'float' | 'char' | 'wchar';

const specs: Record<Typecode, { make: (length: number) => Store; family: Family; bits: number }> = {
  b: { make: (n) => new Int8Array(n), family: 'int', bits: 8 },
  B: { make: (n) => new Uint8Array(n), family: 'int', bits: 8 },
  h: { make: (n) => new Int16Array(n), family: 'int', bits: 16 },
  H: { make: (n) => new Uint16Array(n), family: 'int', bits: 16 },
  i: { make: (n) => new Int32Array(n), family: 'int', bits: 32 },
  I: { make: (n) => new Uint32Array(n), family: 'int', bits: 32 },
  l: { make: (n) => new BigInt64Array(n), family: 'big', bits: 64 },
  L: { make: (n) => new BigUint64Array(n), family: 'big', bits: 64 },
  q: { make: (n) => new BigInt64Array(n), family: 'big', bits: 64 },
  Q: { make: (n) => new BigUint64Array(n), family: 'big', bits: 64 },
  f: { make: (n) => new Float32Array(n), family: 'float', bits: 32 },
  d: { make: (n) => new Float64Array(n), family: 'float', bits: 64 },
  c: { make: (n) => new Uint8Array(n), family: 'char', bits: 8 },
  u: { make: (n) => new Uint32Array(n), family: 'wchar', bits: 32 },
};

export function isTypecode(value: unknown): value is Typecode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(specs, value);
}

export function checkTypecode(value: unknown, what: string): Typecode {
  if (!isTypecode(value)) {
    throw new TypeError(`${what}: unknown typecode ${JSON.stringify(value)}; use one of ${Object.keys(specs).join(' ')}`);
  }
  return value;
}

/** A fixed-length run of C values of one typecode. */
export class TypedStore<C extends Typecode> {
  private readonly store: Store;
  private readonly family: Family;
  private readonly bits: number;

  constructor(
    readonly typecode: C,
    length: number,
  ) {
    const spec = specs[typecode];
    this.store = spec.make(length);
    this.family = spec.family;
    this.bits = spec.bits;
  }

  get length(): number {
    return this.store.length;
  }

  read(index: number): TypecodeValue<C> {
    const raw = this.store[index]!;
    if (this.family === 'char') return String.fromCharCode(raw as number) as TypecodeValue<C>;
    if (this.family === 'wchar') return String.fromCodePoint(raw as number) as TypecodeValue<C>;
    return raw as TypecodeValue<C>;
  }

  write(index: number, value: unknown): void {
    this.put(index, this.coerce(value));
  }

  /** Stores a value coerce() already checked. */
  put(index: number, raw: number | bigint): void {
    (this.store as unknown as Array<number | bigint>)[index] = raw;
  }

  /** Every value, as get() returns them. */
  readAll(): TypecodeValue<C>[] {
    return Array.from({ length: this.store.length }, (_, i) => this.read(i));
  }

  /** Converts a value the way the C type would take it; what C would refuse is a TypeError. */
  coerce(value: unknown): number | bigint {
    const { typecode, family } = this;
    if (typeof value === 'boolean') value = value ? 1 : 0;
    switch (family) {
      case 'float':
        if (typeof value === 'number') return value;
        if (typeof value === 'bigint') return Number(value);
        break;
      case 'int':
        if (typeof value === 'number' && Number.isInteger(value)) return value;
        if (typeof value === 'bigint') return Number(BigInt.asUintN(this.bits, value));
        break;
      case 'big':
        if (typeof value === 'bigint') return value;
        if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
        break;
      case 'char':
        if (typeof value === 'string' && value.length === 1 && value.charCodeAt(0) < 256) return value.charCodeAt(0);
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256) return value;
        break;
      case 'wchar':
        if (typeof value === 'string' && [...value].length === 1) return value.codePointAt(0)!;
        break;
    }
    throw new TypeError(`typecode '${typecode}' (${expected[family]}) cannot hold ${describe(value)}`);
  }
}

const expected: Record<Family, string> = {
  int: 'an integer',
  big: 'a 64-bit integer, bigint or integral number',
  float: 'a number',
  char: 'a one-byte character or a byte value 0-255',
  wchar: 'a single character',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'number' ? String(value) : `a value of type ${value === null ? 'null' : typeof value}`;
}
