import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, printError } from '../../src/cli.js';
import { OmnifeedError } from '../../src/errors.js';
import { repoRoot } from '../helpers/workspace.js';

/** Run the CLI in-process with captured output. */
async function cli(argv: string[], io: { stdoutWrite?: (s: string) => boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: io.stdoutWrite ?? ((s: string) => ((stdout += s), true)) } as never,
    stderr: { write: (s: string) => ((stderr += s), true) } as never,
    env: { CI: 'true' },
    cwd: repoRoot,
  });
  return { code, stdout, stderr };
}

describe('exit codes', () => {
  it('prints the version of package.json with --version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('exits 70 on an internal error with one line that points to --debug, and shows the stack only with --debug', async () => {
    const broken = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'name')");
    };
    const plain = await cli(['channels'], { stdoutWrite: broken });
    expect(plain.code).toBe(70);
    expect(plain.stderr).toBe(
      "omnifeed: internal error: Cannot read properties of undefined (reading 'name') (run again with --debug for the stack)\n",
    );
    const debug = await cli(['--debug', 'channels'], { stdoutWrite: broken });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/^omnifeed: internal error: Cannot read .*\nTypeError: Cannot read .*\n\s+at /);
  });

  it('exits 3 for a guard refusal and 2 for the other error codes, each on one line', () => {
    let stderr = '';
    const io = { stderr: { write: (s: string) => ((stderr += s), true) } as never };
    expect(printError(new OmnifeedError('GUARD_REFUSED', 'google-us: listed 40 of 100 (max_drop 20%)'), io, false)).toBe(3);
    expect(printError(new OmnifeedError('OUTPUT_FAILED', 'out/x.xml: cannot write (ENOSPC: no space left on device)'), io, false)).toBe(2);
    expect(printError(new OmnifeedError('CONFIG_INVALID', 'a.yaml:1: /x: bad\nb.yaml:2: /y: bad'), io, false)).toBe(2);
    expect(stderr.split('\n')).toEqual([
      'omnifeed: GUARD_REFUSED: google-us: listed 40 of 100 (max_drop 20%)',
      'omnifeed: OUTPUT_FAILED: out/x.xml: cannot write (ENOSPC: no space left on device)',
      'omnifeed: CONFIG_INVALID: a.yaml:1: /x: bad; b.yaml:2: /y: bad',
      '',
    ]);
  });
});
