import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog, writeWorkspace } from '../../src/bench/generate.js';
import { allText, bin, CLI_ENV, omnifeed, snapshot } from '../helpers/cli.js';
import { skipSftp, startSshd, type Sshd } from '../helpers/sshd.js';
import { demoWorkspace } from '../helpers/workspace.js';

const SLOW = 300_000;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

if (skipSftp) console.log('OMNIFEED_SKIP_SFTP=1: the SFTP tests against a real OpenSSH server are skipped');

describe.skipIf(skipSftp)('publish over SFTP to a real OpenSSH server', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
  });

  /** A demo workspace publishing to its own folder on the server, with the given settings. */
  function workspace(settings: string) {
    const ws = demoWorkspace();
    const remote = path.join(sshd.home, path.basename(ws.dir), 'incoming');
    const to = `sftp://${sshd.user}@127.0.0.1:${sshd.port}${remote}/`;
    ws.write('omnifeed.yaml', `${ws.read('omnifeed.yaml')}\npublish: { to: "${to}", ${settings} }\n`);
    return { ...ws, remote, to };
  }

  it(
    'lands every file complete, with a password, a key file, or an ssh agent',
    async () => {
      const ws = workspace('password_env: FEED_SFTP_PASSWORD');
      try {
        const first = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish'], { FEED_SFTP_PASSWORD: sshd.password });
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain(`google-us: published to ${ws.to} (53 added, 0 removed, 0 changed; first publish)`);
        const sent = readdirSync(ws.remote).sort();
        expect(sent).toEqual(['amazon-us.json', 'ebay-us.csv', 'etsy.ndjson', 'google-us.xml', 'meta-us.csv']);
        for (const file of sent) expect(sha(path.join(ws.remote, file))).toBe(sha(path.join(ws.dir, 'out', file)));
        const report = JSON.parse(ws.read('out/omnifeed-report.json'));
        expect(report.publish.map((e: { status: string }) => e.status)).toEqual([
          'published',
          'published',
          'published',
          'published',
          'published',
        ]);
        expect(report.publish[0].host_key).toBe(sshd.hostKey);

        // a key file, with the host key pinned
        ws.write(
          'omnifeed.yaml',
          ws.read('omnifeed.yaml').replace('password_env: FEED_SFTP_PASSWORD', `key_file: ${sshd.keyFile}, host_key: "${sshd.hostKey}"`),
        );
        rmSync(path.join(ws.remote, 'etsy.ndjson'));
        const keyed = await omnifeed(ws.dir, ['publish', 'etsy']);
        expect(keyed.code, keyed.stderr).toBe(0);
        expect(sha(path.join(ws.remote, 'etsy.ndjson'))).toBe(sha(path.join(ws.dir, 'out/etsy.ndjson')));

        // the agent of SSH_AUTH_SOCK
        ws.write('omnifeed.yaml', ws.read('omnifeed.yaml').replace(`key_file: ${sshd.keyFile}, `, 'agent: true, '));
        const socket = path.join(ws.dir, 'agent.sock');
        const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
        try {
          while (!existsSync(socket)) await new Promise((r) => setTimeout(r, 50));
          expect(spawnSync('ssh-add', [sshd.keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).status).toBe(0);
          rmSync(path.join(ws.remote, 'etsy.ndjson'));
          const viaAgent = await omnifeed(ws.dir, ['publish', 'etsy'], { SSH_AUTH_SOCK: socket });
          expect(viaAgent.code, viaAgent.stderr).toBe(0);
          expect(sha(path.join(ws.remote, 'etsy.ndjson'))).toBe(sha(path.join(ws.dir, 'out/etsy.ndjson')));
        } finally {
          agent.kill();
        }
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'exits 2 on a wrong password, a closed port or another host key, on one line without the secret; nothing is replaced',
    async () => {
      const ws = workspace('password_env: FEED_SFTP_PASSWORD');
      const wrong = 'Wr0ng-s3cret-9b1f';
      try {
        expect((await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish'], { FEED_SFTP_PASSWORD: sshd.password })).code).toBe(0);
        const remote = snapshot(ws.remote);
        const state = snapshot(path.join(ws.dir, '.omnifeed'));
        ws.write('feeds/google-us.yaml', ws.read('feeds/google-us.yaml').replace('markup_percent: 0', 'markup_percent: 5'));
        expect((await omnifeed(ws.dir, ['build', '--fail-on', 'none'])).code).toBe(0);
        const outputs: string[] = [];
        const refused = async (env: NodeJS.ProcessEnv, pattern: RegExp) => {
          const result = await omnifeed(ws.dir, ['publish', 'google-us'], env);
          outputs.push(result.stdout, result.stderr);
          expect(result.code, result.stderr).toBe(2);
          expect(result.stdout).toBe('');
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
          expect(result.stderr).toMatch(pattern);
          expect(snapshot(ws.remote)).toEqual(remote);
          expect(snapshot(path.join(ws.dir, '.omnifeed'))).toEqual(state);
        };
        const shown = `sftp://${sshd.user}@127.0.0.1:${sshd.port}${ws.remote}/`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        await refused(
          { FEED_SFTP_PASSWORD: wrong },
          new RegExp(`^omnifeed: PUBLISH_FAILED: ${shown}: authentication failed \\(with the password in FEED_SFTP_PASSWORD\\)$`, 'm'),
        );
        await refused({}, /PUBLISH_FAILED: .*: the environment variable FEED_SFTP_PASSWORD \(publish.password_env\) is not set/);

        const closed = await new Promise<number>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => {
            const { port } = s.address() as { port: number };
            s.close(() => resolve(port));
          });
        });
        ws.write('omnifeed.yaml', ws.read('omnifeed.yaml').replace(`127.0.0.1:${sshd.port}`, `127.0.0.1:${closed}`));
        await refused(
          { FEED_SFTP_PASSWORD: sshd.password },
          /PUBLISH_FAILED: sftp:.*: cannot connect \(ECONNREFUSED: connection refused\)$/m,
        );
        ws.write('omnifeed.yaml', ws.read('omnifeed.yaml').replace(`127.0.0.1:${closed}`, `127.0.0.1:${sshd.port}`));
        const otherKey = `SHA256:${'A'.repeat(43)}`;
        ws.write('omnifeed.yaml', ws.read('omnifeed.yaml').replace('password_env:', `host_key: "${otherKey}", password_env:`));
        await refused(
          { FEED_SFTP_PASSWORD: sshd.password },
          new RegExp(`host key ${sshd.hostKey.replace(/[+/]/g, '\\$&')} is not publish.host_key`),
        );

        const everything = [...outputs, allText(ws.dir)].join('\n');
        expect(everything).not.toContain(wrong);
        expect(everything).not.toContain(sshd.password);
        const report = JSON.parse(ws.read('out/omnifeed-report.json'));
        expect(report.publish.find((e: { feed: string }) => e.feed === 'google-us')).toMatchObject({ status: 'failed' });
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'leaves the previous remote file whole when an upload is killed midway, and the next publish replaces it',
    async () => {
      const catalog = path.join(tmpdir(), 'omnifeed-test-cache', 'catalog-50000.csv');
      await generateCatalog(catalog, 50_000);
      const dir = path.join(tmpdir(), `omnifeed-sftp-kill-${process.pid}-${Date.now()}`);
      mkdirSync(dir);
      try {
        writeWorkspace(dir, { path: catalog });
        const remote = path.join(sshd.home, path.basename(dir));
        const to = `sftp://${sshd.user}@127.0.0.1:${sshd.port}${remote}/`;
        writeFileSync(
          path.join(dir, 'omnifeed.yaml'),
          `${readFileSync(path.join(dir, 'omnifeed.yaml'), 'utf8')}publish: { to: "${to}", password_env: FEED_SFTP_PASSWORD }\n`,
        );
        const env = { FEED_SFTP_PASSWORD: sshd.password };
        expect((await omnifeed(dir, ['build', '--fail-on', 'none', '--publish'], env)).code).toBe(0);
        const feed = path.join(remote, 'google-us.xml');
        const previous = sha(feed);
        const feedDef = path.join(dir, 'feeds/google-us.yaml');
        writeFileSync(feedDef, readFileSync(feedDef, 'utf8').replace('markup_percent: 5', 'markup_percent: 6'));
        expect((await omnifeed(dir, ['build', '--fail-on', 'none'], env)).code).toBe(0);

        const child = spawn(process.execPath, [bin, 'publish'], { cwd: dir, env: { ...CLI_ENV, ...env }, stdio: 'ignore' });
        const temp = () => readdirSync(remote).find((f) => f.startsWith('.google-us.xml.omnifeed-'));
        for (;;) {
          const at = temp();
          if (at && statSync(path.join(remote, at)).size > 1 << 20) break;
          if (child.exitCode !== null) throw new Error('the publish ended before it could be killed');
          await new Promise((r) => setTimeout(r, 10));
        }
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        expect(sha(feed)).toBe(previous);
        expect(temp()).toBeDefined();

        const next = await omnifeed(dir, ['publish'], env);
        expect(next.code, next.stderr).toBe(0);
        expect(sha(feed)).toBe(sha(path.join(dir, 'out/google-us.xml')));
        expect(sha(feed)).not.toBe(previous);
        expect(temp()).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
