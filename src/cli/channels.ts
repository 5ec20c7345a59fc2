import { channels } from '../commands/channels.js';
import type { CliCommand } from './context.js';

export const channelsCommand: CliCommand = ({ program, io }) =>
  program
    .command('channels')
    .description('the channels and formats this version supports')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await channels();
      if (flags.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else for (const c of list) io.stdout.write(`${c.name.padEnd(8)} ${c.formats.join(', ').padEnd(10)} ${c.title}: ${c.variants}\n`);
    });
