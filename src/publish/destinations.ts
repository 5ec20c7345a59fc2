import path from 'node:path';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { parseSftp, publishSettings, sftpShown, type Destination } from './destination.js';
import { DirDestination } from './dir.js';

/** The destination of a feed, from its settings (see `publishSettings`). */
export function destinationOf(workspace: Workspace, feed: FeedDefinition, env: NodeJS.ProcessEnv): Destination {
  const settings = publishSettings(workspace, feed);
  const to = settings.to!;
  const where = feed.publish?.to ? feed.file : 'omnifeed.yaml';
  if (to.startsWith('sftp://')) {
    const target = parseSftp(to, where);
    return {
      shown: sftpShown(target),
      // the SSH client is loaded when a publish goes to an SFTP server, not by every build
      connect: async () => new (await import('./sftp.js')).SftpDestination(target, settings, env, workspace.root).connect(),
    };
  }
  const folder = path.resolve(workspace.root, to.slice('dir:'.length));
  return new DirDestination(folder, path.relative(workspace.root, folder) || '.');
}
