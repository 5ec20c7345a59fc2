/**
 * The workspace lock: two runs that write (build, publish) never interleave. The lock is a file
 * (`.omnifeed/lock`) made with a hard link, which either creates it or fails: it names the
 * holder's pid, command, host and start time. A lock whose holder is gone (a killed run) is
 * stale and taken over; a live holder is waited for up to `wait` seconds.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { OmnifeedError, outputFailed } from '../errors.js';
import { shardKey, type Shard } from '../output/shards.js';

const LOCK_FILE = 'lock';

interface Holder {
  pid: number;
  command: string;
  host: string;
  /** when the run took the lock, ISO 8601 */
  started: string;
  /** the process's start time in clock ticks since boot (Linux), to tell a reused pid from the holder */
  ticks?: string;
}

/** Locks this process holds: a signal handler lets them go (see `releaseLocks`). */
const held = new Set<WorkspaceLock>();

/** The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined off Linux. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the holder of a lock is still running; a holder on another host is taken to be (it cannot be checked). */
function alive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false; // our own pid from an earlier life (pids are reused; PID 1 in containers)
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = startTicks(holder.pid);
  return holder.ticks === undefined || ticks === undefined || ticks === holder.ticks;
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof holder?.pid === 'number' ? holder : undefined;
  } catch (error) {
    // a lock file cut short or unreadable: written by a run killed while making it (the link is made after the write, so never)
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : { pid: 0, command: '?', host: hostname(), started: '?' };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WorkspaceLock {
  private constructor(
    private readonly file: string,
    private readonly holder: Holder,
  ) {}

  /**
   * Take the lock of the state folder `dir` for `command`, waiting up to `wait` seconds for a
   * live holder; exit 2 (`LOCKED`) naming the holder when it is still there. A shard's runs
   * (`--shard i/N`) take a lock of their own (`lock.shard-i-of-N`): the shards of a run share a
   * state folder, each with its own files in it, and go at once.
   */
  static async acquire(dir: string, shown: string, command: string, wait = 0, shard?: Shard): Promise<WorkspaceLock> {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw outputFailed(shown, 'create the state folder', error);
    }
    const name = shardKey(LOCK_FILE, shard);
    const file = path.join(dir, name);
    const holder: Holder = {
      pid: process.pid,
      command,
      host: hostname(),
      started: new Date().toISOString(),
      ticks: startTicks(process.pid),
    };
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      if (WorkspaceLock.tryLink(file, path.join(shown, name), holder)) {
        const lock = new WorkspaceLock(file, holder);
        held.add(lock);
        return lock;
      }
      const other = readHolder(file);
      if (other && !alive(other)) {
        WorkspaceLock.takeOver(file, other);
        continue;
      }
      if (Date.now() >= deadline) {
        const who = other
          ? `omnifeed ${other.command} (pid ${other.pid}${other.host !== holder.host ? ` on ${other.host}` : ''}, started ${other.started})`
          : 'another run';
        throw new OmnifeedError(
          'LOCKED',
          `${path.join(shown, name)}: the workspace is in use by ${who}${wait > 0 ? `; waited ${wait} s` : ''} (give --wait <seconds> to wait for it)`,
        );
      }
      await sleep(Math.min(250, Math.max(10, deadline - Date.now())));
    }
  }

  /** Create the lock file with our holder in it, or find it there: written aside, then hard-linked into place. */
  private static tryLink(file: string, shown: string, holder: Holder): boolean {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(holder)}\n`);
      linkSync(temp, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw outputFailed(shown, 'create the lock', error);
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Move a stale lock aside; if another run took it over in between (its lock is what we moved), put that one back. */
  private static takeOver(file: string, stale: Holder): void {
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      return; // someone else moved it first
    }
    const moved = readHolder(aside);
    if (moved && (moved.pid !== stale.pid || moved.started !== stale.started)) {
      try {
        linkSync(aside, file);
      } catch {
        // a third run holds it now: its lock stands
      }
    }
    rmSync(aside, { force: true });
  }

  /** Let the lock go, if it is still ours. */
  release(): void {
    held.delete(this);
    const now = readHolder(this.file);
    if (now && now.pid === this.holder.pid && now.started === this.holder.started) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
    }
  }
}

/** For a signal handler: let go of every lock this process holds. */
export function releaseLocks(): void {
  for (const lock of held) lock.release();
}
