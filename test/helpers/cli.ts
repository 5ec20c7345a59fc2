import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { main } from '../../src/cli.js';
import { repoRoot } from './workspace.js';

export const bin = path.join(repoRoot, 'bin/omnifeed.js');
export const CLI_ENV = { ...process.env, NO_COLOR: '1', CI: 'true', SOURCE_DATE_EPOCH: '1795392000', AMAZON_SELLER_ID: '' };

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a program in a child process without blocking the test worker, in CLI_ENV plus `env`. */
export async function sh(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command[0], command.slice(1), {
      cwd,
      encoding: 'utf8',
      env: { ...CLI_ENV, ...env },
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : null, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Run the CLI in a child process without blocking the test worker. */
export const omnifeed = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
  sh([process.execPath, bin, ...args], cwd, env);

/** The CLI as the CI recipes' $OMNIFEED: unquoted, they split it into words (the paths here hold no spaces). */
export const OMNIFEED = `${process.execPath} ${bin}`;

/** A workflow's `run:` script as GitHub's bash runs it (-e, pipefail). */
export const githubBash = (script: string) => ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', script];

/** Run the CLI in this process (fast; its stdout and stderr collected), as off a terminal in CI at a fixed build date. */
export async function inProcess(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true) } as never,
    stderr: { write: (s: string) => ((stderr += s), true) } as never,
    env: { CI: 'true', SOURCE_DATE_EPOCH: '1795392000', ...env },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

/** Every file under `dir` (relative path -> bytes as latin1), hidden ones included; {} when there is no folder. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(path.join(dir, at), { withFileTypes: true })) {
      const relative = path.join(at, entry.name);
      if (entry.isDirectory()) walk(relative);
      else out[relative] = readFileSync(path.join(dir, relative), 'latin1');
    }
  };
  try {
    if (statSync(dir).isDirectory()) walk('.');
  } catch {
    // no folder
  }
  return out;
}

/** Every file under `dir` as text, gzip'd ones unpacked: for searching all of a run's output for a secret. */
export function allText(dir: string): string {
  return Object.entries(snapshot(dir))
    .map(([file, bytes]) => {
      const raw = Buffer.from(bytes, 'latin1');
      return `${file}\n${file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')}`;
    })
    .join('\n');
}
