import { Argument } from 'commander';
import { bashScript, zshScript } from './completion-script.js';
import type { CliCommand } from './context.js';

export const completionCommand: CliCommand = ({ program, io }) =>
  program
    .command('completion')
    .description('print a shell completion script (commands, options, feed names): source <(omnifeed completion bash)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh') => {
      io.stdout.write(shell === 'bash' ? bashScript(program) : zshScript(program));
    });
