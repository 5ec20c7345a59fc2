/**
 * Etsy's title and tag rules as pure steps: each finds one kind of problem and, as a fix,
 * returns the text without it. The channel's rules report what they find; its fix steps
 * (options.fix) apply them.
 */
import { charCount, cutAtWord } from '../text.js';
import { LIMITS, NOT_ALLOWED, TITLE_ONCE_WORDS } from './spec.js';

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

/** One kind of title problem: what it finds in a title, and the title without it. */
export interface TitleStep {
  rule: 'title-invalid-characters' | 'title-repeated-character' | 'title-too-long';
  find(title: string): string[];
  fix(title: string): string;
}

export const TITLE_STEPS: readonly TitleStep[] = [
  {
    rule: 'title-invalid-characters',
    find: (title) => {
      const bad = title.match(NOT_ALLOWED.title);
      return bad ? [`the title has characters Etsy does not allow: ${shown(bad)}`] : [];
    },
    fix: (title) => squeeze(title.replace(NOT_ALLOWED.title, ' ')),
  },
  {
    rule: 'title-repeated-character',
    find: (title) =>
      LIMITS.titleOnce.flatMap((symbol) => {
        const count = title.split(symbol).length - 1;
        return count > 1 ? [`'${symbol}' appears ${count} times in the title; Etsy allows it once`] : [];
      }),
    fix: (title) => {
      let text = title;
      for (const symbol of LIMITS.titleOnce) {
        if (text.split(symbol).length - 1 <= 1) continue;
        const first = text.indexOf(symbol) + 1;
        text = squeeze(text.slice(0, first) + text.slice(first).split(symbol).join(TITLE_ONCE_WORDS[symbol]));
      }
      return text;
    },
  },
  {
    rule: 'title-too-long',
    find: (title) =>
      charCount(title) > LIMITS.titleLength ? [`the title has ${charCount(title)} characters; Etsy allows ${LIMITS.titleLength}`] : [],
    fix: (title) => cut(title, LIMITS.titleLength),
  },
];

/** Check a title against Etsy's rules; with `fix`, return it with each problem fixed in turn. */
export function checkTitle(title: string, fix: boolean): { title: string; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  let text = title;
  for (const step of TITLE_STEPS) {
    for (const message of step.find(text)) problems.push({ rule: step.rule, message });
    if (fix) text = step.fix(text);
  }
  return { title: fix ? text : title, problems };
}

/** Split an over-long tag into tags of whole words that fit (a word longer than a tag is cut). */
export function splitTag(tag: string): string[] {
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

/** A tag without the characters Etsy does not allow ('' when nothing is left). */
export const cleanTag = (tag: string) => squeeze(tag.replace(NOT_ALLOWED.tag, ' '));

/** Tags as a listing carries them: white space squeezed, empty ones left out. */
export const tagList = (tags: readonly string[]) => tags.map(squeeze).filter(Boolean);

/** `tags` without repeats (case-insensitive, the first kept), and the repeats. */
export function dedupeTags(tags: readonly string[]): { tags: string[]; repeated: string[] } {
  const seen = new Set<string>();
  const out: string[] = [];
  const repeated: string[] = [];
  for (const tag of tags) {
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) {
      repeated.push(tag);
      continue;
    }
    seen.add(key);
    out.push(tag);
  }
  return { tags: out, repeated };
}

/**
 * Check a tag list against Etsy's rules; with `fix`, return it fixed: characters Etsy does not
 * allow removed, over-long tags split at word boundaries, repeats dropped, the first 13 kept.
 * Without `fix` the tags are returned as they are, but for repeats. `extra` tags (derived from
 * the category) fill free places only, after the same cleaning, and are never reported.
 */
export function checkTags(
  tags: readonly string[],
  fix: boolean,
  extra: readonly string[] = [],
): { tags: string[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  let list = tagList(tags);
  const bad = list.filter((tag) => tag.match(NOT_ALLOWED.tag) !== null);
  for (const tag of bad) {
    const found = tag.match(NOT_ALLOWED.tag)!;
    problems.push({ rule: 'tag-invalid-characters', message: `tag '${tag}' has characters Etsy does not allow: ${shown(found)}` });
  }
  if (fix) list = list.map(cleanTag).filter(Boolean);
  for (const tag of list)
    if (charCount(tag) > LIMITS.tagLength && (fix || !bad.includes(tag)))
      problems.push({ rule: 'tag-too-long', message: `tag '${tag}' has ${charCount(tag)} characters; Etsy allows ${LIMITS.tagLength}` });
  if (fix) list = list.flatMap((tag) => (charCount(tag) > LIMITS.tagLength ? splitTag(tag) : [tag]));
  const deduped = dedupeTags(list);
  for (const tag of deduped.repeated) problems.push({ rule: 'tag-duplicate', message: `tag '${tag}' is there twice; it is sent once` });
  list = deduped.tags;
  if (list.length > LIMITS.tags) {
    problems.push({
      rule: 'tags-too-many',
      message: `${list.length} tags; Etsy allows ${LIMITS.tags}${fix ? `: the first ${LIMITS.tags} are sent` : ''}`,
    });
    if (fix) list.length = LIMITS.tags;
  }
  return { tags: withExtra(list, extra), problems };
}

/** `tags` and then the `extra` tags that fit: cleaned, not too long, not there already, while there are free places. */
export function withExtra(tags: readonly string[], extra: readonly string[]): string[] {
  const out = [...tags];
  const seen = new Set(out.map((t) => t.toLocaleLowerCase()));
  for (const raw of extra) {
    if (out.length >= LIMITS.tags) break;
    const tag = cleanTag(raw);
    if (!tag || charCount(tag) > LIMITS.tagLength || seen.has(tag.toLocaleLowerCase())) continue;
    seen.add(tag.toLocaleLowerCase());
    out.push(tag);
  }
  return out;
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
