/**
 * The items of a build (pushed as the feed writes them) against the listing state of the last
 * publish (pulled in step), both in catalog order: most items meet their counterpart at once;
 * one that does not waits in a map until it does, or is new (the build's) or removed (the
 * state's) at the end. Memory holds only the items that moved, came or went.
 */
import type { ItemEntry } from './items.js';

export interface JoinHandlers {
  /** an item of the build, with its entry in the last publish's state (undefined: new) */
  pair(key: string, item: unknown, before: ItemEntry | undefined): Promise<void>;
  /** an entry of the state no item of the build has */
  gone(before: ItemEntry): Promise<void>;
}

export class ItemJoin {
  private readonly waitingNew = new Map<string, unknown>();
  private readonly waitingOld = new Map<string, ItemEntry>();
  private readonly old: AsyncIterator<ItemEntry> | undefined;
  private oldDone: boolean;

  constructor(
    state: AsyncIterable<ItemEntry> | undefined,
    private readonly handlers: JoinHandlers,
  ) {
    this.old = state?.[Symbol.asyncIterator]();
    this.oldDone = !this.old;
  }

  /** An entry of the state: it meets the build's item waiting for it, or waits itself. */
  private async meetOld(before: ItemEntry): Promise<void> {
    if (!this.waitingNew.has(before.key)) {
      this.waitingOld.set(before.key, before);
      return;
    }
    const item = this.waitingNew.get(before.key);
    this.waitingNew.delete(before.key);
    await this.handlers.pair(before.key, item, before);
  }

  async push(key: string, item: unknown): Promise<void> {
    const waiting = this.waitingOld.get(key);
    if (waiting) {
      this.waitingOld.delete(key);
      return this.handlers.pair(key, item, waiting);
    }
    const next = this.oldDone ? undefined : await this.old!.next();
    if (next && !next.done && next.value.key === key) return this.handlers.pair(key, item, next.value);
    if (next?.done) this.oldDone = true;
    else if (next) await this.meetOld(next.value);
    if (this.oldDone) await this.handlers.pair(key, item, undefined);
    else this.waitingNew.set(key, item);
  }

  /** Read the rest of the state; what still waits came (the build's) or went (the state's). */
  async end(): Promise<void> {
    if (!this.oldDone) for (let next = await this.old!.next(); !next.done; next = await this.old!.next()) await this.meetOld(next.value);
    this.oldDone = true;
    for (const [key, item] of this.waitingNew) await this.handlers.pair(key, item, undefined);
    this.waitingNew.clear();
    // last first: a variation parent after its children (Amazon deletes the children of a family before its parent)
    for (const before of [...this.waitingOld.values()].reverse()) await this.handlers.gone(before);
    this.waitingOld.clear();
  }
}
