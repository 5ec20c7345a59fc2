/**
 * Where a feed's files are published: `dir:<folder>` (default `dir:published`) or
 * `sftp://user@host:port/path/`. A destination opens a connection that puts each file under a
 * temporary name and renames it into place, so that a marketplace fetching meanwhile sees the
 * old file or the new one, never half of one.
 */
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';

export type PublishSettings = NonNullable<FeedDefinition['publish']>;

const DEFAULT_DESTINATION = 'dir:published';

/** A connection to a destination; names are relative to it, with `/` separators. */
export interface Connection {
  /** upload a local file to `name`: under a temporary name first, then renamed into place */
  put(local: string, name: string): Promise<void>;
  /** remove a file the last publish sent that this one does not (missing is fine) */
  remove(name: string): Promise<void>;
  close(): Promise<void>;
  /** what the connection learned that a user may want to pin: the SFTP host key's fingerprint */
  readonly facts?: Record<string, string>;
}

export interface Destination {
  /** how messages and the state name it: never a secret */
  readonly shown: string;
  connect(): Promise<Connection>;
}

/** The settings of a feed: its definition's `publish:` over the workspace's, key by key. */
export function publishSettings(workspace: Workspace, feed: FeedDefinition): PublishSettings {
  return { to: DEFAULT_DESTINATION, ...workspace.config.publish, ...feed.publish };
}

export interface SftpTarget {
  username: string;
  host: string;
  port: number;
  /** the remote folder, ending in `/` */
  folder: string;
}

/** How messages and the state name an SFTP destination: `sftp://user@host:port/path/`. */
export const sftpShown = (t: SftpTarget) => `sftp://${t.username}@${t.host}:${t.port}${t.folder}`;

/** `sftp://user@host:port/path/`; a password in the URL is refused (it belongs in an environment variable). */
export function parseSftp(to: string, where: string): SftpTarget {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new OmnifeedError('CONFIG_INVALID', `${where}: /publish/to: not an sftp:// URL (sftp://user@host:22/path/)`);
  }
  if (url.password) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${where}: /publish/to: the URL holds a password: give it in an environment variable named by publish.password_env instead`,
    );
  }
  if (!url.username || !url.hostname) {
    throw new OmnifeedError('CONFIG_INVALID', `${where}: /publish/to: '${to}' needs a user and a host (sftp://user@host:22/path/)`);
  }
  const folder = decodeURIComponent(url.pathname || '/');
  return {
    username: decodeURIComponent(url.username),
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 22,
    folder: folder.endsWith('/') ? folder : `${folder}/`,
  };
}
