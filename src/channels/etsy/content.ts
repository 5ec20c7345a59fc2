import { charCount, cutAtWord } from '../text.js';
import { LIMITS, NOT_ALLOWED, TITLE_ONCE_WORDS } from './listing.js';

/** A problem found in a title or a tag list, and the rule it breaks (with `fix`, the returned value no longer has it). */
export interface ContentProblem {
  rule:
    | 'title-invalid-characters'
    | 'title-repeated-character'
    | 'title-too-long'
    | 'tag-invalid-characters'
    | 'tag-too-long'
    | 'tags-too-many'
    | 'tag-duplicate';
  message: string;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
const shown = (found: Iterable<string>) => [...new Set(found)].map((c) => `'${c}'`).join(' ');

/** Cut text to at most `max` characters, at a word boundary when there is one. */
const cut = (text: string, max: number) => cutAtWord(text, max, /[\s,;:\-–—&+]+$/u);

/** Check a title against Etsy's rules; with `fix`, return it with each problem fixed. */
export function checkTitle(title: string, fix: boolean): { title: string; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  let text = title;
  const bad = text.match(NOT_ALLOWED.title);
  if (bad) {
    problems.push({ rule: 'title-invalid-characters', message: `the title has characters Etsy does not allow: ${shown(bad)}` });
    if (fix) text = squeeze(text.replace(NOT_ALLOWED.title, ' '));
  }
  for (const symbol of LIMITS.titleOnce) {
    const count = text.split(symbol).length - 1;
    if (count <= 1) continue;
    problems.push({ rule: 'title-repeated-character', message: `'${symbol}' appears ${count} times in the title; Etsy allows it once` });
    if (fix) {
      const first = text.indexOf(symbol) + 1;
      text = squeeze(text.slice(0, first) + text.slice(first).split(symbol).join(TITLE_ONCE_WORDS[symbol]));
    }
  }
  if (charCount(text) > LIMITS.titleLength) {
    problems.push({ rule: 'title-too-long', message: `the title has ${charCount(text)} characters; Etsy allows ${LIMITS.titleLength}` });
    if (fix) text = cut(text, LIMITS.titleLength);
  }
  return { title: fix ? text : title, problems };
}

/** Split an over-long tag into tags of whole words that fit (a word longer than a tag is cut). */
function splitTag(tag: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of tag.split(' ')) {
    const piece = cut(word, LIMITS.tagLength);
    if (current && charCount(`${current} ${piece}`) <= LIMITS.tagLength) current = `${current} ${piece}`;
    else {
      if (current) out.push(current);
      current = piece;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Check a tag list against Etsy's rules; with `fix`, return it fixed: characters Etsy does not
 * allow removed, over-long tags split at word boundaries, repeats dropped, the first 13 kept.
 * Without `fix` the tags are returned as they are. `extra` tags (derived from the category) fill
 * free places only, after the same cleaning, and are never reported.
 */
export function checkTags(
  tags: readonly string[],
  fix: boolean,
  extra: readonly string[] = [],
): { tags: string[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (tag: string) => {
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    out.push(tag);
    return true;
  };
  for (const raw of tags) {
    let tag = squeeze(raw);
    if (!tag) continue;
    const bad = tag.match(NOT_ALLOWED.tag);
    if (bad) {
      problems.push({ rule: 'tag-invalid-characters', message: `tag '${raw}' has characters Etsy does not allow: ${shown(bad)}` });
      if (!fix) {
        add(tag);
        continue;
      }
      tag = squeeze(tag.replace(NOT_ALLOWED.tag, ' '));
      if (!tag) continue;
    }
    let pieces = [tag];
    if (charCount(tag) > LIMITS.tagLength) {
      problems.push({ rule: 'tag-too-long', message: `tag '${tag}' has ${charCount(tag)} characters; Etsy allows ${LIMITS.tagLength}` });
      if (fix) pieces = splitTag(tag);
    }
    for (const piece of pieces) {
      if (!add(piece)) problems.push({ rule: 'tag-duplicate', message: `tag '${piece}' is there twice; it is sent once` });
    }
  }
  if (out.length > LIMITS.tags) {
    problems.push({
      rule: 'tags-too-many',
      message: `${out.length} tags; Etsy allows ${LIMITS.tags}${fix ? `: the first ${LIMITS.tags} are sent` : ''}`,
    });
    if (fix) out.length = LIMITS.tags;
  }
  for (const raw of extra) {
    if (out.length >= LIMITS.tags) break;
    const tag = squeeze(raw.replace(NOT_ALLOWED.tag, ' '));
    if (tag && charCount(tag) <= LIMITS.tagLength) add(tag);
  }
  return { tags: out, problems };
}

/** Tags from a master category path: each level, split at `&`, `,`, `/` and ` and `, lower case, leaf first. */
export function categoryTags(path: string): string[] {
  return path
    .split('>')
    .reverse()
    .flatMap((level) => level.split(/[&,/]| and /))
    .map((part) => squeeze(part).toLocaleLowerCase())
    .filter(Boolean);
}
