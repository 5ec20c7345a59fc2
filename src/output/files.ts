import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import path from 'node:path';
import { outputFailed } from '../errors.js';

/** A text file being written; `write` returns a promise only when the caller must wait (backpressure). */
export interface TextSink {
  write(text: string): void | Promise<void>;
  /** text already encoded as UTF-8 (by a feed thread) */
  writeBytes?(chunk: Buffer): void | Promise<void>;
  end(): Promise<void>;
}

/** Where a channel writer creates its files, by name relative to the feed's output folder. */
export interface OutputFiles {
  create(name: string): TextSink;
}

/** The files of one feed in one run: staged until the run's output set is committed, or dropped. */
export interface FeedFiles extends OutputFiles {
  /** the final paths of the files created so far */
  readonly paths: string[];
  /** the feed's per-SKU records (see `skus.ts`), staged with its files; none when nothing is written */
  records(): TextSink | undefined;
  /** the feed's listing state for delta builds (see `itemsPath`), staged with its files; none when nothing is written */
  items(): TextSink | undefined;
  abort(): Promise<void>;
}

const CHUNK = 1 << 16;

/** What a finished file holds, for the run manifest. */
export interface Written {
  bytes: number;
  sha256: string;
}

/**
 * A staged file: buffered writes with backpressure, counted and hashed on the way (the bytes on
 * disk: compressed, for a gzip file); errors name the final path.
 */
export class FileSink implements TextSink {
  private buffer = '';
  private failure: Error | undefined;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private readonly stream: WriteStream;
  /** what the text goes into: the file, or the gzip stream in front of it */
  private readonly target: Writable;
  written?: Written;

  /** `temp`: where it is written; `shown`: the final path as the user knows it, for messages */
  constructor(
    readonly temp: string,
    shown: string,
    /** `level`: zlib's compression level (default 6) */
    options: { gzip?: boolean; level?: number } = {},
  ) {
    this.stream = createWriteStream(temp);
    this.stream.on('error', (error) => (this.failure = outputFailed(shown, 'write', error)));
    if (options.gzip) {
      const gzip = createGzip({ chunkSize: CHUNK, ...(options.level !== undefined ? { level: options.level } : {}) });
      gzip.on('data', (chunk: Buffer) => this.count(chunk));
      gzip.pipe(this.stream);
      this.target = gzip;
    } else this.target = this.stream;
  }

  private count(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  write(text: string): void | Promise<void> {
    this.buffer += text;
    if (this.buffer.length < CHUNK) return;
    return this.flush();
  }

  writeBytes(chunk: Buffer): void | Promise<void> {
    if (this.buffer !== '') {
      const pending = this.flush();
      if (pending) return pending.then(() => this.writeBytes(chunk));
    }
    return this.send(chunk);
  }

  private flush(): void | Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    return this.send(chunk);
  }

  private send(chunk: Buffer): void | Promise<void> {
    if (this.failure) throw this.failure;
    if (this.target === this.stream) this.count(chunk);
    if (!this.target.write(chunk)) return this.drained();
  }

  /** Wait for the target to drain, or the file to close on a failure (kept above, as an OUTPUT_FAILED). */
  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      // both listeners go when either event comes: a gzip stream asks to wait at every chunk, so they must not pile up
      const settled = () => {
        this.target.off('drain', settled);
        this.stream.off('close', settled);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.target.on('drain', settled);
      this.stream.on('close', settled);
    });
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
    const closed = once(this.stream, 'close').catch(() => undefined);
    this.target.end();
    await closed;
    if (this.failure) throw this.failure;
    this.written = { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** stop writing, wait until the file is closed, and remove it */
  async destroy(): Promise<void> {
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      if (this.target !== this.stream) this.target.destroy();
      this.stream.destroy();
      await closed;
    }
    rmSync(this.temp, { force: true });
  }
}

/** For `validate`: writers run as in a build, nothing reaches the disk. */
export class DiscardedFiles implements FeedFiles {
  readonly paths: string[] = [];

  constructor(private readonly dir: string) {}

  create(name: string): TextSink {
    this.paths.push(path.resolve(this.dir, name));
    return { write: () => undefined, writeBytes: () => undefined, end: async () => undefined };
  }

  records(): undefined {
    return undefined;
  }

  items(): undefined {
    return undefined;
  }

  async abort(): Promise<void> {}
}
