/** `dir:<folder>`: publish into a local folder, each file written beside its place and renamed in. */
import { closeSync, createReadStream, createWriteStream, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { OmnifeedError, osReason } from '../errors.js';
import type { Connection, Destination } from './destination.js';

/** Temporary files of uploads in progress, for a signal handler (see `abandonUploads`). */
const uploading = new Set<string>();

/** `.google-us.xml.omnifeed-1234.tmp`: the temporary name of an upload, beside its place. */
export const tempName = (base: string, tag: string | number) => `.${base}.omnifeed-${tag}.tmp`;
/** Leftovers of uploads that died: any run's temporary name for `base`. */
export const isTempOf = (name: string, base: string) => name.startsWith(`.${base}.omnifeed-`) && name.endsWith('.tmp');

export class DirDestination implements Destination {
  readonly shown: string;

  constructor(
    private readonly folder: string,
    shown: string,
  ) {
    this.shown = `dir:${shown}`;
  }

  private fail(name: string, doing: string, error: unknown): OmnifeedError {
    return new OmnifeedError('PUBLISH_FAILED', `${this.shown}: ${name}: cannot ${doing} (${osReason(error)})`);
  }

  async connect(): Promise<Connection> {
    try {
      mkdirSync(this.folder, { recursive: true });
    } catch (error) {
      throw this.fail('.', 'create the folder', error);
    }
    return {
      put: (local, name) => this.put(local, name),
      remove: async (name) => {
        try {
          rmSync(path.join(this.folder, name), { force: true });
        } catch (error) {
          throw this.fail(name, 'remove the file the last publish sent', error);
        }
      },
      close: async () => undefined,
    };
  }

  private async put(local: string, name: string): Promise<void> {
    const final = path.join(this.folder, name);
    const dir = path.dirname(final);
    const base = path.basename(final);
    const temp = path.join(dir, tempName(base, process.pid));
    try {
      mkdirSync(dir, { recursive: true });
      // the workspace lock keeps other runs out: a temporary file here is a dead run's
      for (const entry of readdirSync(dir)) if (isTempOf(entry, base)) rmSync(path.join(dir, entry), { force: true });
      uploading.add(temp);
      await pipeline(createReadStream(local), createWriteStream(temp));
      const fd = openSync(temp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temp, final);
    } catch (error) {
      rmSync(temp, { force: true });
      throw this.fail(name, 'write', error);
    } finally {
      uploading.delete(temp);
    }
  }
}

/** For a signal handler: remove the temporary files of local uploads in progress. */
export function abandonUploads(): void {
  for (const temp of uploading) rmSync(temp, { force: true });
  uploading.clear();
}
