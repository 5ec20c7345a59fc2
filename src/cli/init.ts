import { init } from '../commands/init.js';
import type { CliCommand } from './context.js';

export const initCommand: CliCommand = ({ program, io, workspace }) =>
  program
    .command('init')
    .description('write a starter workspace (the demo) into the workspace folder')
    .action(async () => {
      const files = await init({ cwd: workspace() });
      io.stdout.write(`${files.map((f) => `wrote ${f}`).join('\n')}\nnext: omnifeed build\n`);
    });
