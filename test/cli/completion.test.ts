/**
 * `omnifeed completion bash|zsh`: the bash script sourced in a real bash, asked for completions as
 * bash's programmable completion asks (COMP_WORDS, COMP_CWORD, then the function, then COMPREPLY);
 * the zsh script loaded by a real zsh's compinit, and its candidates asked for in zsh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omnifeed } from '../helpers/cli.js';
import { demoWorkspace } from '../helpers/workspace.js';

const FEEDS = ['amazon-us', 'ebay-us', 'etsy', 'google-us', 'meta-us'];
const ZSH = ['/usr/bin/zsh', '/bin/zsh'].find((f) => existsSync(f));

describe('omnifeed completion', () => {
  const ws = demoWorkspace();
  const bash = path.join(ws.dir, 'omnifeed.bash');
  const zsh = path.join(ws.dir, '_omnifeed');
  beforeAll(async () => {
    for (const [shell, file] of [
      ['bash', bash],
      ['zsh', zsh],
    ]) {
      const run = await omnifeed(ws.dir, ['completion', shell]);
      expect(run.code).toBe(0);
      writeFileSync(file, run.stdout);
    }
  });
  afterAll(() => ws.dispose());

  /** What bash completes for the words of a line (the last one being typed), from `cwd`. */
  function complete(words: string[], cwd = ws.dir): string[] {
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const script = `source '${bash}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _omnifeed; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout.split('\n').filter(Boolean);
  }

  it('completes the commands, and a command by its start', () => {
    expect(complete(['omnifeed', ''])).toEqual([
      'build',
      'validate',
      'diff',
      'publish',
      'report',
      'merge-reports',
      'channels',
      'explain',
      'init',
      'completion',
    ]);
    expect(complete(['omnifeed', 're'])).toEqual(['report']);
    expect(complete(['omnifeed', '--'])).toEqual(['--workspace', '--version', '--debug', '--help']);
  });

  it("completes a command's options, and the values of those that take a list", () => {
    expect(complete(['omnifeed', 'build', '--f'])).toEqual(['--fail-on', '--format', '--force']);
    expect(complete(['omnifeed', 'build', '--fail-on', ''])).toEqual(['error', 'warning', 'none']);
    expect(complete(['omnifeed', 'report', '--'])).toEqual(['--json', '--html', '--skus', '--build', '--now', '--help']);
    expect(complete(['omnifeed', 'completion', ''])).toEqual(['bash', 'zsh']);
    // a value that is anybody's guess gets no candidates
    expect(complete(['omnifeed', 'build', '--now', ''])).toEqual([]);
  });

  it("completes the workspace's feed names, of the folder -C names too", () => {
    expect(complete(['omnifeed', 'build', ''])).toEqual(FEEDS);
    expect(complete(['omnifeed', 'report', 'google-us', 'e'])).toEqual(['ebay-us', 'etsy']);
    expect(complete(['omnifeed', 'explain', 'TEE-100', '--feed', 'g'])).toEqual(['google-us']);
    expect(complete(['omnifeed', '-C', ws.dir, 'publish', ''], '/')).toEqual(FEEDS);
    expect(complete(['omnifeed', 'build', ''], '/')).toEqual([]);
  });

  it('completes file names for the files an option writes', () => {
    expect(complete(['omnifeed', 'report', '--html', 'omnifeed.']).sort()).toEqual(['omnifeed.bash', 'omnifeed.yaml']);
  });

  it.skipIf(!ZSH && process.env.OMNIFEED_SKIP_ZSH === '1')('registers with zsh and completes the same candidates there', () => {
    if (!ZSH) throw new Error("zsh not found: install Debian's zsh (listed in .ci/debian-packages), or set OMNIFEED_SKIP_ZSH=1");
    const script = [
      `fpath=('${ws.dir}' $fpath)`,
      `autoload -Uz compinit && compinit -u -d '${path.join(ws.dir, '.zcompdump')}'`,
      'print -r -- "registered: $_comps[omnifeed]"',
      `source '${zsh}'`,
      '_omnifeed_candidates 2 omnifeed build ""',
      '_omnifeed_candidates 3 omnifeed build --format ""',
      '_omnifeed_candidates 3 omnifeed report --skus ""',
    ].join('\n');
    const result = spawnSync(ZSH, ['-f', '-c', script], { cwd: ws.dir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(['registered: _omnifeed', ...FEEDS, 'text', 'github', '@files']);
  });
});
