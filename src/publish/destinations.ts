import path from 'node:path';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { parseSftp, publishSettings, type Destination } from './destination.js';
import { DirDestination } from './dir.js';
import { SftpDestination } from './sftp.js';

/** The destination of a feed, from its settings (see `publishSettings`). */
export function destinationOf(workspace: Workspace, feed: FeedDefinition, env: NodeJS.ProcessEnv): Destination {
  const settings = publishSettings(workspace, feed);
  const to = settings.to!;
  const where = feed.publish?.to ? feed.file : 'omnifeed.yaml';
  if (to.startsWith('sftp://')) return new SftpDestination(parseSftp(to, where), settings, env, workspace.root);
  const folder = path.resolve(workspace.root, to.slice('dir:'.length));
  return new DirDestination(folder, path.relative(workspace.root, folder) || '.');
}
