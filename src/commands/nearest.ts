import { distance } from 'fastest-levenshtein';

/**
 * The few strings nearest to one, kept while a stream goes by: by Levenshtein distance ignoring
 * case, where a string that starts like the one asked for counts as half a step away from it
 * (`TEE-10` is nearer `TEE-100-RED-S` than `GEN-010`); the first seen wins a tie.
 */
export class Nearest {
  private readonly best: { text: string; distance: number }[] = [];
  private readonly seen = new Set<string>();
  private readonly target: string;

  constructor(
    target: string,
    private readonly size = 5,
  ) {
    this.target = target.toLowerCase();
  }

  see(text: string): void {
    if (this.seen.has(text)) return;
    const lower = text.toLowerCase();
    let d = distance(this.target, lower);
    if (lower.length > this.target.length) d = Math.min(d, distance(this.target, lower.slice(0, this.target.length)) + 0.5);
    const worst = this.best[this.best.length - 1];
    if (this.best.length === this.size && d >= worst.distance) return;
    this.seen.add(text);
    const at = this.best.findIndex((b) => d < b.distance);
    this.best.splice(at === -1 ? this.best.length : at, 0, { text, distance: d });
    if (this.best.length > this.size) this.seen.delete(this.best.pop()!.text);
  }

  /** nearest first */
  list(): string[] {
    return this.best.map((b) => b.text);
  }
}
