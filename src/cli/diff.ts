import { diff } from '../commands/diff.js';
import { EXIT } from '../errors.js';
import { formatDiff } from '../render.js';
import type { Shard } from '../output/shards.js';
import type { CliCommand } from './context.js';
import { shardOption } from './options.js';

export const diffCommand: CliCommand = ({ program, io, workspace, setExitCode }) =>
  program
    .command('diff')
    .description('what the last build changes against the last publish of each feed (no rebuild)')
    .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
    .option('--json', 'print the comparison as JSON')
    .option('--exit-code', 'exit 1 when anything changed')
    .addOption(shardOption("compare shard i of N's build (build --shard i/N) with its own last publish"))
    .action(async (feeds: string[], flags: { json?: boolean; exitCode?: boolean; shard?: Shard }) => {
      const result = await diff({ cwd: workspace(), feeds, env: io.env, shard: flags.shard });
      io.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatDiff(result)}\n`);
      if (flags.exitCode && result.changed) setExitCode(EXIT.PROBLEMS);
    });
