/**
 * The shell completion scripts of `omnifeed completion bash|zsh`, written from the CLI's own
 * commands and options (commander's metadata), so they never fall behind. One shell function
 * (`_omnifeed_candidates`, valid in bash and zsh) works out the candidates of the word being
 * completed; each shell's wrapper hands them to its completion system. Feed names are the files
 * of the workspace's `feeds/` folder (`-C` honoured), read when completing: no process starts.
 */
import type { Argument, Command, Option } from 'commander';

/** What a word may be: a list, the workspace's feed names, files, folders, or anything (no candidates). */
type Values = { words: string[] } | 'feeds' | 'files' | 'dirs' | 'none';

interface CommandSpec {
  name: string;
  /** every flag of the command, short and long */
  flags: string[];
  /** the flags that take a value, and what it may be */
  valued: [string[], Values][];
  /** the positional arguments' values */
  positional: Values;
}

/** Options whose value is a file to write. */
const FILE_OPTIONS = new Set(['--html', '--skus', '--junit']);

function optionValues(option: Option): Values {
  if (option.argChoices) return { words: option.argChoices };
  if (option.long === '--feed') return 'feeds';
  if (option.long === '--workspace') return 'dirs';
  return option.long && FILE_OPTIONS.has(option.long) ? 'files' : 'none';
}

function argumentValues(args: readonly Argument[]): Values {
  const [first] = args;
  if (!first) return 'none';
  if (first.argChoices) return { words: first.argChoices };
  return first.name() === 'feed' ? 'feeds' : 'none';
}

const flagsOf = (option: Option) => [option.short, option.long].filter((f): f is string => Boolean(f));

function spec(command: Command, name: string): CommandSpec {
  const options = command.options as readonly Option[];
  return {
    name,
    flags: [...options.flatMap(flagsOf), '--help'],
    valued: options.filter((o) => o.required || o.optional).map((o) => [flagsOf(o), optionValues(o)]),
    positional: argumentValues(command.registeredArguments),
  };
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** The shell lines that print a kind of value (one candidate a line; `@files`/`@dirs` ask the wrapper for paths). */
function printValues(values: Values): string {
  if (values === 'none') return 'return 0';
  if (values === 'feeds') return '_omnifeed_feeds "$ws"';
  if (values === 'files' || values === 'dirs') return `printf '%s\\n' @${values}`;
  return `printf '%s\\n' ${values.words.map(quote).join(' ')}`;
}

/** One `case "$cmd"` branch: an option's value after it, else the options or the positional values. */
function branch(s: CommandSpec): string {
  const values = s.valued.map(([flags, v]) => `        ${flags.join('|')}) ${printValues(v)}; return 0;;`).join('\n');
  return `    ${s.name === '' ? "''" : s.name})
      case "$prev" in
${values}
      esac
      case "$cur" in
        -*) printf '%s\\n' ${s.flags.join(' ')};;
        *) ${printValues(s.positional)};;
      esac;;`;
}

/** The candidates function, shared by the bash and the zsh script. */
function candidates(program: Command): string {
  const commands = program.commands.map((c) => c.name());
  const global = spec(program, '');
  global.positional = { words: commands };
  const branches = [global, ...program.commands.map((c) => spec(c, c.name()))].map(branch).join('\n');
  return `_omnifeed_feeds() {
  [ -n "\${ZSH_VERSION:-}" ] && setopt localoptions nullglob
  local f
  for f in "$1"/feeds/*.yaml "$1"/feeds/*.yml "$1"/feeds/*.json; do
    [ -e "$f" ] || continue
    f=\${f##*/}
    printf '%s\\n' "\${f%.*}"
  done
}

# $1: the index of the word being completed (0: the command name); then the words of the line
_omnifeed_candidates() {
  local cword=$1 n=0 cmd='' prev='' cur='' ws=. skip='' w
  shift
  for w in "$@"; do
    if [ "$n" -eq "$cword" ]; then cur=$w; break; fi
    if [ -n "$skip" ]; then
      skip=''
      [ "$prev" = -C ] || [ "$prev" = --workspace ] && ws=$w
    elif [ "$n" -gt 0 ] && [ -z "$cmd" ]; then
      case "$w" in
        -C|--workspace) skip=1;;
        --workspace=*) ws=\${w#--workspace=};;
        -*) ;;
        *) cmd=$w;;
      esac
    fi
    prev=$w
    n=$((n + 1))
  done
  case "$ws" in "~"/*) ws="$HOME/\${ws#??}";; esac
  case "$cmd" in
${branches}
  esac
}`;
}

/** `omnifeed completion bash` */
export function bashScript(program: Command): string {
  return `# bash completion for omnifeed: source it from ~/.bashrc,
#   source <(omnifeed completion bash)
# or install it: omnifeed completion bash > /etc/bash_completion.d/omnifeed
${candidates(program)}

_omnifeed() {
  local cur=\${COMP_WORDS[COMP_CWORD]} IFS=$'\\n' list
  list=$(_omnifeed_candidates "$COMP_CWORD" "\${COMP_WORDS[@]}")
  case "$list" in
    @files) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null;;
    @dirs) COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null;;
    *) COMPREPLY=($(compgen -W "$list" -- "$cur"));;
  esac
}
complete -F _omnifeed omnifeed
`;
}

/** `omnifeed completion zsh` */
export function zshScript(program: Command): string {
  return `#compdef omnifeed
# zsh completion for omnifeed: put it on the fpath,
#   omnifeed completion zsh > "\${fpath[1]}/_omnifeed"
# or source it from ~/.zshrc after compinit: source <(omnifeed completion zsh)
${candidates(program)}

_omnifeed() {
  local -a list
  list=("\${(@f)$(_omnifeed_candidates $((CURRENT - 1)) "\${words[@]}")}")
  case "\${list[1]}" in
    @files) _files;;
    @dirs) _files -/;;
    *) [ -n "\${list[1]}" ] && compadd -a list;;
  esac
}

if [ "\${funcstack[1]}" = _omnifeed ]; then
  _omnifeed "$@"
else
  compdef _omnifeed omnifeed
fi
`;
}
