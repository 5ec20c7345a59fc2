import { explain } from '../commands/explain.js';
import { formatExplanation } from '../render.js';
import { parseDate, type CliCommand } from './context.js';

export const explainCommand: CliCommand = ({ program, io, workspace }) =>
  program
    .command('explain')
    .description('per feed: listed or not and why, every rule, the price and stock computation, the category, the rendered item')
    .argument('<sku>', 'a product, variant or parent SKU')
    .option('--feed <feed...>', 'only these feeds (default: the feeds omnifeed.yaml lists, or all)')
    .option('--json', 'print the explanation as JSON')
    .option('--now <date>', 'build date for sales and schedules (default: SOURCE_DATE_EPOCH or now)')
    .action(async (sku: string, flags: { feed?: string[]; json?: boolean; now?: string }) => {
      const result = await explain({
        cwd: workspace(),
        sku,
        feeds: flags.feed,
        env: io.env,
        now: flags.now ? parseDate(flags.now) : undefined,
      });
      io.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatExplanation(result)}\n`);
    });
