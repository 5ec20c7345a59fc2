/**
 * A real OpenSSH server for the SFTP tests: Debian's sshd started on 127.0.0.1 on a free port,
 * with a throwaway host key, config (no PAM, internal-sftp only) and user (a password and a key),
 * all removed by `stop`. The tests run as root in CI (.ci/run), which creating the user needs.
 * Without sshd the tests fail, saying what to install; OMNIFEED_SKIP_SFTP=1 skips them instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/dev/free-port.js';

const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((f) => existsSync(f));
export const skipSftp = process.env.OMNIFEED_SKIP_SFTP === '1';

export interface Sshd {
  port: number;
  user: string;
  password: string;
  /** the user's private key file (no passphrase) */
  keyFile: string;
  /** the host key's fingerprint, as ssh-keygen -lf prints it */
  hostKey: string;
  /** a folder the user may write: the SFTP tests publish below it */
  home: string;
  stop(): Promise<void>;
}

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** Resolve once the server sends its SSH banner. */
async function ready(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log()}`);
    const banner = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('SSH-'));
      });
      socket.once('error', () => resolve(false));
    });
    if (banner) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not answer on port ${port}: ${log()}`);
}

export async function startSshd(): Promise<Sshd> {
  if (!SSHD)
    throw new Error("sshd not found: install Debian's openssh-server (listed in .ci/debian-packages), or set OMNIFEED_SKIP_SFTP=1 to skip");
  if (process.getuid?.() !== 0)
    throw new Error('the SFTP tests create a throwaway user: run them as root (as CI does), or set OMNIFEED_SKIP_SFTP=1');
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-sshd-'));
  chmodSync(dir, 0o755);
  const user = `ofsftp${randomBytes(3).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const home = path.join(dir, 'home');
  mkdirSync(home);
  run('useradd', ['--no-create-home', '--home-dir', home, '--shell', '/usr/sbin/nologin', user]);
  let child: ChildProcess | undefined;
  try {
    run('chpasswd', [], `${user}:${password}\n`);
    chownSync(home, Number(run('id', ['-u', user]).trim()), Number(run('id', ['-g', user]).trim()));
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'user_key')]);
    writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'user_key.pub')));
    chmodSync(path.join(dir, 'authorized_keys'), 0o644);
    const hostKey = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(dir, 'host_key.pub')]).split(' ')[1];
    const port = await freePort();
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PermitRootLogin no',
      `AllowUsers ${user}`,
      'Subsystem sftp internal-sftp',
      'ForceCommand internal-sftp',
      'MaxStartups 50',
      'LogLevel ERROR',
    ];
    writeFileSync(path.join(dir, 'sshd_config'), `${config.join('\n')}\n`);
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    let log = '';
    child = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d) => (log += d));
    await ready(port, child, () => log);
    const server = child;
    return {
      port,
      user,
      password,
      keyFile: path.join(dir, 'user_key'),
      hostKey,
      home,
      stop: async () => {
        if (server.exitCode === null) {
          const exited = new Promise((r) => server.once('exit', r));
          server.kill('SIGTERM');
          await exited;
        }
        spawnSync('userdel', ['--force', user]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    spawnSync('userdel', ['--force', user]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
