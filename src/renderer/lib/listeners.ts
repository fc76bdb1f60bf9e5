/** A small typed listener registry shared by both clients. */
import type { ApiEvents, EventName } from '../../shared/api.js';

export class Listeners {
  private byEvent = new Map<EventName, Set<(payload: never) => void>>();

  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    const set = this.byEvent.get(event) ?? new Set();
    this.byEvent.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  emit(event: EventName, payload: unknown): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (error) {
        console.error(`a ${event} listener failed`, error);
      }
    }
  }
}
