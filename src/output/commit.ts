import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { OmnifeedError, osReason } from '../errors.js';

/** A staged file and the place it goes. */
export interface Move {
  temp: string;
  final: string;
  /** the final path as the user knows it (`out/google-us.xml`), for messages */
  shown: string;
}

/** What a commit did, written before its first rename so that a dead run can be undone. */
interface Journal {
  moves: { temp: string; final: string; backup: string | null }[];
  /** files of the previous set the new one drops: parked in the staging folder, then removed with it */
  stale: { final: string; parked: string }[];
}

const JOURNAL = 'journal.json';

/**
 * Put a staged set of files in place, and remove the previous set's files it drops, all or none.
 * Every rename is prepared first (folders made, targets checked, the old files hard-linked into
 * the staging folder as backups); a failure on any rename puts the backups back, so the previous
 * set is left byte for byte as it was. A journal in the staging folder lets the next run undo a
 * commit that a kill interrupted (`recoverStaging`).
 */
export function commitSet(staging: string, moves: Move[], stale: Move[]): void {
  const journal = prepare(staging, moves, stale);
  const done: number[] = [];
  const parked: number[] = [];
  let step: { shown: string; doing: string } = { shown: '', doing: '' };
  try {
    journal.moves.forEach((move, i) => {
      step = { shown: moves[i].shown, doing: 'replace' };
      renameSync(move.temp, move.final);
      done.push(i);
    });
    journal.stale.forEach((entry, i) => {
      step = { shown: stale[i].shown, doing: 'remove the stale file' };
      renameSync(entry.final, entry.parked);
      parked.push(i);
    });
  } catch (error) {
    const undone = undo(journal, done, parked);
    throw new OmnifeedError(
      'OUTPUT_FAILED',
      `${step.shown}: cannot ${step.doing} (${osReason(error)}); ${undone ?? 'the previous files are back in place'}`,
    );
  }
  // committed: without its journal, the staging folder is only litter
  rmSync(path.join(staging, JOURNAL), { force: true });
}

/** Check every target, make its folder, back up the file it replaces; write the journal. Changes nothing visible. */
function prepare(staging: string, moves: Move[], stale: Move[]): Journal {
  const journal: Journal = { moves: [], stale: [] };
  moves.forEach(({ temp, final, shown }, i) => {
    try {
      mkdirSync(path.dirname(final), { recursive: true });
    } catch (error) {
      throw new OmnifeedError('OUTPUT_FAILED', `${path.dirname(shown)}: cannot create the folder (${osReason(error)})`);
    }
    const kind = kindOf(final);
    if (kind === 'folder') throw new OmnifeedError('OUTPUT_FAILED', `${shown}: cannot replace (EISDIR: it is a folder)`);
    let backup: string | null = null;
    if (kind === 'file') {
      backup = path.join(staging, `backup-${i}`);
      try {
        linkSync(final, backup);
      } catch {
        try {
          copyFileSync(final, backup);
        } catch (error) {
          throw new OmnifeedError('OUTPUT_FAILED', `${shown}: cannot keep a copy of the previous file (${osReason(error)})`);
        }
      }
    }
    journal.moves.push({ temp, final, backup });
  });
  stale.forEach(({ final }, i) => {
    if (kindOf(final) === 'file') journal.stale.push({ final, parked: path.join(staging, `stale-${i}`) });
  });
  try {
    writeFileSync(path.join(staging, JOURNAL), JSON.stringify(journal));
  } catch (error) {
    throw new OmnifeedError('OUTPUT_FAILED', `${path.basename(staging)}/${JOURNAL}: cannot write (${osReason(error)})`);
  }
  return journal;
}

/** `folder`, `file` (a symbolic link counts as a file: it is replaced, not followed), or `none`. */
function kindOf(file: string): 'folder' | 'file' | 'none' {
  try {
    return lstatSync(file).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/** Undo the renames done so far, newest first; a message when something could not be put back. */
function undo(journal: Journal, done: number[], parked: number[]): string | undefined {
  const failures: string[] = [];
  const attempt = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      failures.push(`${what} (${osReason(error)})`);
    }
  };
  for (const i of [...parked].reverse()) {
    const { final, parked: at } = journal.stale[i];
    attempt(final, () => renameSync(at, final));
  }
  for (const i of [...done].reverse()) {
    const { final, backup } = journal.moves[i];
    attempt(final, () => (backup ? renameSync(backup, final) : unlinkSync(final)));
  }
  return failures.length > 0 ? `and these could not be put back: ${failures.join(', ')}` : undefined;
}

/**
 * Undo what a dead run's commit left half done (its journal says what it did), then remove its
 * staging folder. A staging folder without a journal never touched the output: it just goes.
 */
export function recoverStaging(staging: string): void {
  const file = path.join(staging, JOURNAL);
  if (existsSync(file)) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    } catch {
      journal = undefined; // a journal cut short by the kill: written before the first rename, so nothing was renamed
    }
    if (journal) {
      // a move whose staged file is gone was renamed into place; a parked stale file was moved away
      const done = journal.moves.flatMap((m, i) => (existsSync(m.temp) ? [] : [i]));
      const parked = journal.stale.flatMap((s, i) => (existsSync(s.parked) ? [i] : []));
      const failed = undo(journal, done, parked);
      if (failed) throw new OmnifeedError('OUTPUT_FAILED', `${staging}: cannot undo an interrupted commit: ${failed}`);
    }
  }
  rmSync(staging, { recursive: true, force: true });
}
