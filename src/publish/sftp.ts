/**
 * `sftp://user@host:port/path/`: publish over SFTP with ssh2-sftp-client (on ssh2, a pure-JS SSH2
 * client). A file is uploaded under a temporary name in its folder and renamed into place with
 * OpenSSH's posix-rename extension, which replaces the old file in one step. Credentials come from
 * the environment (`password_env`), a key file (`key_file`, `passphrase_env`) or the ssh agent;
 * no message ever holds them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { OmnifeedError, osReason } from '../errors.js';
import { sftpShown, type Connection, type Destination, type PublishSettings, type SftpTarget } from './destination.js';
import { isTempOf, tempName } from './dir.js';

const quiet = { error: () => undefined, end: () => undefined, close: () => undefined };

/** `SHA256:…` as ssh-keygen -lf prints a host key's fingerprint. */
const fingerprint = (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

export class SftpDestination implements Destination {
  readonly shown: string;
  /** every secret the connection uses: scrubbed from any message, to be sure */
  private readonly secrets: string[] = [];

  constructor(
    private readonly target: SftpTarget,
    private readonly settings: PublishSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly root: string,
  ) {
    this.shown = sftpShown(target);
  }

  private fail(detail: string): OmnifeedError {
    let message = `${this.shown}: ${detail}`;
    for (const secret of this.secrets) if (secret) message = message.split(secret).join('***');
    return new OmnifeedError('PUBLISH_FAILED', message);
  }

  /** What ssh2 is given to log in: the password, the key, the agent, as configured. */
  private credentials(): { options: SftpClient.ConnectOptions; using: string } {
    const { password_env, key_file, passphrase_env, agent } = this.settings;
    const options: SftpClient.ConnectOptions = {};
    const using: string[] = [];
    if (password_env) {
      const password = this.env[password_env];
      if (!password) throw this.fail(`the environment variable ${password_env} (publish.password_env) is not set`);
      this.secrets.push(password);
      options.password = password;
      using.push(`the password in ${password_env}`);
    }
    if (key_file) {
      const file = key_file.startsWith('~/') ? path.join(homedir(), key_file.slice(2)) : path.resolve(this.root, key_file);
      try {
        options.privateKey = readFileSync(file);
      } catch (error) {
        throw this.fail(`cannot read the key file ${key_file} (${osReason(error)})`);
      }
      if (passphrase_env) {
        const passphrase = this.env[passphrase_env];
        if (!passphrase) throw this.fail(`the environment variable ${passphrase_env} (publish.passphrase_env) is not set`);
        this.secrets.push(passphrase);
        options.passphrase = passphrase;
      }
      using.push(`the key ${key_file}`);
    }
    if (agent === true || (agent === undefined && using.length === 0 && this.env.SSH_AUTH_SOCK)) {
      if (!this.env.SSH_AUTH_SOCK) throw this.fail('publish.agent is set, but SSH_AUTH_SOCK is not: no ssh agent to ask');
      options.agent = this.env.SSH_AUTH_SOCK;
      using.push('the ssh agent');
    }
    if (using.length === 0) throw this.fail('no credentials: set publish.password_env, publish.key_file, or run an ssh agent');
    return { options, using: using.join(', ') };
  }

  async connect(): Promise<Connection> {
    const { options, using } = this.credentials();
    const facts: Record<string, string> = {};
    const client = new SftpClient('omnifeed', quiet);
    const pinned = this.settings.host_key;
    try {
      await client.connect({
        ...options,
        host: this.target.host,
        port: this.target.port,
        username: this.target.username,
        readyTimeout: (this.settings.timeout ?? 20) * 1000,
        retries: 0,
        hostVerifier: (key: Buffer) => {
          facts.host_key = fingerprint(key);
          return !pinned || pinned.replace(/=$/, '') === facts.host_key;
        },
      });
    } catch (error) {
      await client.end().catch(() => undefined);
      throw this.fail(this.connectProblem(error, using, facts.host_key));
    }
    return {
      facts,
      put: (local, name) => this.put(client, local, name),
      remove: async (name) => {
        try {
          if (await client.exists(this.remote(name))) await client.delete(this.remote(name));
        } catch (error) {
          throw this.fail(`${name}: cannot remove the file the last publish sent (${this.reason(error)})`);
        }
      },
      close: async () => void (await client.end().catch(() => undefined)),
    };
  }

  private connectProblem(error: unknown, using: string, seen: string | undefined): string {
    const e = error as NodeJS.ErrnoException & { level?: string };
    const text = String(e?.message ?? error);
    if (this.settings.host_key && seen && seen !== this.settings.host_key.replace(/=$/, ''))
      return `the server's host key ${seen} is not publish.host_key ${this.settings.host_key}: refused`;
    if (/authentication methods failed|All configured authentication/i.test(text)) return `authentication failed (with ${using})`;
    if (e?.code === 'ECONNREFUSED') return 'cannot connect (ECONNREFUSED: connection refused)';
    if (e?.code === 'ENOTFOUND') return 'cannot connect (ENOTFOUND: no such host)';
    if (/timed out|timeout/i.test(text)) return `cannot connect (no answer within ${this.settings.timeout ?? 20} s)`;
    return `cannot connect (${this.reason(error)})`;
  }

  /** ssh2-sftp-client's message without its `name: ` prefixes */
  private reason(error: unknown): string {
    return String((error as Error)?.message ?? error)
      .replace(/^(\w+(->|: ))+/, '')
      .trim();
  }

  private remote(name: string): string {
    return path.posix.join(this.target.folder, name);
  }

  private async put(client: SftpClient, local: string, name: string): Promise<void> {
    const final = this.remote(name);
    const dir = path.posix.dirname(final);
    const base = path.posix.basename(final);
    const temp = path.posix.join(dir, tempName(base, `${process.pid}-${Date.now().toString(36)}`));
    let step = 'create the folder';
    try {
      if (!(await client.exists(dir))) await client.mkdir(dir, true);
      step = 'list the folder';
      // the workspace lock keeps this workspace's other runs out: a temporary file of ours here is a dead upload's
      for (const entry of await client.list(dir)) if (isTempOf(entry.name, base)) await client.delete(path.posix.join(dir, entry.name));
      step = 'upload';
      await client.fastPut(local, temp);
      step = 'rename the upload into place';
      await client.posixRename(temp, final);
    } catch (error) {
      await client.delete(temp, true).catch(() => undefined);
      throw this.fail(`${name}: cannot ${step} (${this.reason(error)})`);
    }
  }
}
