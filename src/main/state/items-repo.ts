/**
 * SQL for `manager_items`: the ordered items of lists and queues. Positions are increasing
 * integers with gaps (a pop leaves a hole), so an index is an OFFSET along the primary key.
 */
import type Database from 'better-sqlite3';

export interface ItemRow {
  pos: number;
  value: Buffer;
}

export class ItemsRepo {
  private readonly countOf: Database.Statement<[number], { n: number }>;
  private readonly fromFront: Database.Statement<[number, number], ItemRow>;
  private readonly fromBack: Database.Statement<[number, number], ItemRow>;
  private readonly appendOne: Database.Statement<[number, number, Buffer]>;
  private readonly updateOne: Database.Statement<[Buffer, number, number]>;
  private readonly deleteOne: Database.Statement<[number, number]>;
  private readonly allOf: Database.Statement<[number], ItemRow>;
  private readonly firstOf: Database.Statement<[number, number], ItemRow>;
  private readonly maxPos: Database.Statement<[number], { hi: number | null }>;
  private readonly mirror: Database.Statement<[number, number]>;
  private readonly clearOf: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.countOf = db.prepare('SELECT count(*) AS n FROM manager_items WHERE object_id = ?');
    this.fromFront = db.prepare('SELECT pos, value FROM manager_items WHERE object_id = ? ORDER BY pos LIMIT 1 OFFSET ?');
    this.fromBack = db.prepare('SELECT pos, value FROM manager_items WHERE object_id = ? ORDER BY pos DESC LIMIT 1 OFFSET ?');
    this.appendOne = db.prepare(
      'INSERT INTO manager_items (object_id, pos, value) ' +
        'VALUES (?, COALESCE((SELECT max(pos) FROM manager_items WHERE object_id = ?), -1) + 1, ?)',
    );
    this.updateOne = db.prepare('UPDATE manager_items SET value = ? WHERE object_id = ? AND pos = ?');
    this.deleteOne = db.prepare('DELETE FROM manager_items WHERE object_id = ? AND pos = ?');
    this.allOf = db.prepare('SELECT pos, value FROM manager_items WHERE object_id = ? ORDER BY pos');
    this.firstOf = db.prepare('SELECT pos, value FROM manager_items WHERE object_id = ? ORDER BY pos LIMIT ?');
    this.maxPos = db.prepare('SELECT max(pos) AS hi FROM manager_items WHERE object_id = ?');
    // new = 2·hi + 1 − pos maps [lo, hi] onto [hi + 1, 2·hi + 1 − lo], reversed and disjoint from
    // the old positions, so no row collides with one not yet moved.
    this.mirror = db.prepare('UPDATE manager_items SET pos = ? - pos WHERE object_id = ?');
    this.clearOf = db.prepare('DELETE FROM manager_items WHERE object_id = ?');
  }

  count(object: number): number {
    return this.countOf.get(object)?.n ?? 0;
  }

  /** The item at a non-negative index counted from the front, or from the back. */
  at(object: number, index: number, fromBack = false): ItemRow | undefined {
    return (fromBack ? this.fromBack : this.fromFront).get(object, index);
  }

  append(object: number, value: Buffer): void {
    this.appendOne.run(object, object, value);
  }

  update(object: number, pos: number, value: Buffer): void {
    this.updateOne.run(value, object, pos);
  }

  delete(object: number, pos: number): void {
    this.deleteOne.run(object, pos);
  }

  all(object: number, limit?: number): ItemRow[] {
    return limit === undefined ? this.allOf.all(object) : this.firstOf.all(object, limit);
  }

  reverse(object: number): void {
    const hi = this.maxPos.get(object)?.hi;
    if (hi !== null && hi !== undefined) this.mirror.run(2 * hi + 1, object);
  }

  clear(object: number): void {
    this.clearOf.run(object);
  }
}
