/**
 * `build --profile`: where a build's time goes, per stage and per feed, summed over the threads
 * that ran it (stages on different threads overlap in wall time). Stages are timed only when a
 * profile is asked for.
 */
import { performance } from 'node:perf_hooks';

export class Profile {
  private readonly totals = new Map<string, number>();

  /** A mark to pass to `add` when the stage ends. */
  static now(): number {
    return performance.now();
  }

  /** Count the milliseconds since `since` to `stage`. */
  add(stage: string, since: number): void {
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + performance.now() - since);
  }

  merge(entries: readonly [string, number][]): void {
    for (const [stage, ms] of entries) this.totals.set(stage, (this.totals.get(stage) ?? 0) + ms);
  }

  entries(): [string, number][] {
    return [...this.totals];
  }

  /** One line a stage, longest first, with its share of the wall time `wallMs`. */
  format(wallMs: number): string {
    const lines = [...this.totals]
      .sort((a, b) => b[1] - a[1])
      .map(([stage, ms]) => `${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / wallMs).toFixed(0).padStart(4)}%  ${stage}`);
    return `profile: ${(wallMs / 1000).toFixed(2)} s wall; thread time per stage:\n${lines.join('\n')}\n`;
  }
}
