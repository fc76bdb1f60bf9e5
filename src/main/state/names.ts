/**
 * Object names. A named object is found again by its name (and, if persisted, after a
 * restart); an unnamed one gets a generated name that marks it as living for this run only.
 */

export const MAX_NAME_LENGTH = 200;

export function checkName(name: unknown, kind: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(
      `manager.${kind}(name): the name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters, not ${JSON.stringify(name) ?? typeof name}`,
    );
  }
  return name;
}

/**
 * Python-style optional leading name: `queue('jobs', 3)`, `queue(3)` and `queue()` all work.
 * A string (or undefined) first argument is the name; anything else is the next parameter.
 */
export function nameAndRest<T>(first: string | T | undefined, second: T | undefined): [string | undefined, T | undefined] {
  if (first === undefined || typeof first === 'string') return [first as string | undefined, second];
  return [undefined, first];
}

/** Generates `kind#n` names, skipping any already taken. */
export class NameGenerator {
  private next = 1;

  generate(kind: string, taken: (name: string) => boolean): string {
    for (;;) {
      const name = `${kind}#${this.next++}`;
      if (!taken(name)) return name;
    }
  }
}
