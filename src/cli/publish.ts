import { GuardRefused, publish } from '../commands/publish.js';
import { formatPublish } from '../render.js';
import type { CliCommand } from './context.js';
import type { Shard } from '../output/shards.js';
import { annotateRefusal, forceReason, formatOption, shardOption, waitOption } from './options.js';

interface PublishFlags {
  force?: string;
  wait?: number;
  json?: boolean;
  quiet?: boolean;
  format: 'text' | 'github';
  shard?: Shard;
}

export const publishCommand: CliCommand = ({ program, io, workspace }) =>
  program
    .command('publish')
    .description("send the last build's files of each feed to its destination, past the safety guards, and record the state")
    .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
    .option('--force <reason>', 'override the safety guards, for this reason (recorded in the state and the run report)')
    .addOption(waitOption())
    .option('--json', 'print what was published as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(formatOption('a refusal as a workflow annotation too'))
    .addOption(shardOption("publish shard i of N's build (build --shard i/N), against its own last publish"))
    .action(async (feeds: string[], flags: PublishFlags) => {
      try {
        const result = await publish({
          cwd: workspace(),
          feeds,
          env: io.env,
          force: forceReason(flags.force),
          wait: flags.wait,
          shard: flags.shard,
        });
        if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (!flags.quiet) io.stdout.write(`${formatPublish(result.feeds)}\n`);
      } catch (error) {
        if (error instanceof GuardRefused && flags.format === 'github') annotateRefusal(error, io);
        throw error;
      }
    });
