import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { OmnifeedError } from '../errors.js';

/** A text file being written; `write` returns a promise only when the caller must wait (backpressure). */
export interface TextSink {
  write(text: string): void | Promise<void>;
  end(): Promise<void>;
}

/** Where a channel writer creates its files, by name relative to the feed's output folder. */
export interface OutputFiles {
  create(name: string): TextSink;
}

/** The files of one feed in one run: put in place together when the run succeeds, or dropped. */
export interface FeedFiles extends OutputFiles {
  /** the final paths of the files created so far */
  readonly paths: string[];
  commit(): void;
  abort(): Promise<void>;
}

const CHUNK = 1 << 16;

class FileSink implements TextSink {
  private buffer = '';
  private failure: Error | undefined;

  constructor(private readonly stream: WriteStream) {
    stream.on('error', (error) => (this.failure = error));
  }

  write(text: string): void | Promise<void> {
    this.buffer += text;
    if (this.buffer.length < CHUNK) return;
    return this.flush();
  }

  private flush(): void | Promise<void> {
    if (this.failure) throw this.failure;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok) return once(this.stream, 'drain').then(() => undefined);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  /** stop writing and wait until the file is closed */
  async destroy(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close');
    this.stream.destroy();
    await closed;
  }
}

/**
 * Files written beside their final place under a temporary name and renamed into place by
 * `commit`: a reader never sees a half-written feed, and `abort` leaves the old one untouched.
 */
export class StagedFiles implements FeedFiles {
  private readonly staged: { temp: string; final: string; sink: FileSink }[] = [];

  constructor(private readonly dir: string) {}

  create(name: string): TextSink {
    const final = path.resolve(this.dir, name);
    const temp = path.join(path.dirname(final), `.${path.basename(final)}.tmp-${process.pid}`);
    try {
      mkdirSync(path.dirname(final), { recursive: true });
    } catch (error) {
      throw new OmnifeedError('OUTPUT_FAILED', `${path.dirname(final)}: cannot create folder (${(error as NodeJS.ErrnoException).code})`);
    }
    const sink = new FileSink(createWriteStream(temp));
    this.staged.push({ temp, final, sink });
    return sink;
  }

  /** the final paths of the files created so far */
  get paths(): string[] {
    return this.staged.map((s) => s.final);
  }

  commit(): void {
    for (const { temp, final } of this.staged) renameSync(temp, final);
    this.staged.length = 0;
  }

  async abort(): Promise<void> {
    for (const { temp, sink } of this.staged.splice(0)) {
      await sink.destroy();
      rmSync(temp, { force: true });
    }
  }
}

/** For `validate`: writers run as in a build, nothing reaches the disk. */
export class DiscardedFiles implements FeedFiles {
  readonly paths: string[] = [];

  constructor(private readonly dir: string) {}

  create(name: string): TextSink {
    this.paths.push(path.resolve(this.dir, name));
    return { write: () => undefined, end: async () => undefined };
  }

  commit(): void {}

  async abort(): Promise<void> {}
}

/** Write a small file atomically (the run report). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const files = new StagedFiles(path.dirname(file));
  const sink = files.create(path.basename(file));
  try {
    await sink.write(text);
    await sink.end();
    files.commit();
  } catch (error) {
    await files.abort();
    throw error;
  }
}
