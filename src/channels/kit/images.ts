/** Image rules shared by the channels: how many a listing may carry, and URLs the marketplace can fetch. */
import type { CheckRule, Draft, FixStep, Report } from '../types.js';

/** Where the image URLs of a channel's item live: the main image first. */
export interface ImageSlot<Item> {
  field: string;
  get(item: Item): readonly string[];
  set(item: Item, urls: string[]): void;
}

/** Fix: more images than the marketplace takes: the first `max` are sent. */
export function imagesDropped<Item>(slot: ImageSlot<Item>, max: number, what = 'images'): FixStep<Item, unknown> {
  return {
    id: 'images-dropped',
    severity: 'warning',
    description: `more than ${max} ${what}: the first ${max} are sent`,
    fix(draft: Draft<Item>, _ctx, report: Report) {
      const urls = slot.get(draft.item);
      if (urls.length <= max) return;
      slot.set(draft.item, urls.slice(0, max));
      report(slot.field, `${urls.length} ${what}; the first ${max} are sent`);
    },
  };
}

/** An image URL the marketplace cannot fetch: not http(s), or (`https`) not HTTPS. */
export function imageUrlInvalid<Item>(slot: ImageSlot<Item>, { https = false } = {}): CheckRule<Item, unknown> {
  const pattern = https ? /^https:\/\/[^\s|]+$/i : /^https?:\/\//;
  return {
    id: 'image-url-invalid',
    severity: 'error',
    description: `image URLs are ${https ? 'HTTPS' : 'HTTP or HTTPS'} addresses`,
    check(draft: Draft<Item>, _ctx, report: Report) {
      for (const url of slot.get(draft.item)) if (!pattern.test(url)) report(slot.field, `'${url}'`);
    },
  };
}

/**
 * Characters a URL may carry as they are (RFC 3986: unreserved, reserved, and `%` of an escape
 * already made). Control characters are left to `text-invalid-characters`, which removes them.
 */
// eslint-disable-next-line no-control-regex -- the control characters are named to be left alone
const NOT_IN_URL = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%\u0000-\u001F]/gu;

/** The URL with every character RFC 3986 does not allow (a space, a quote, `<`, non-ASCII letters) percent-encoded as UTF-8. */
const encodeUrl = (url: string) => url.replace(NOT_IN_URL, (c) => encodeURIComponent(c));

/**
 * Fix: image URLs with characters RFC 3986 does not allow (`https://cdn.example.com/red mug.jpg`)
 * are sent percent-encoded (`red%20mug.jpg`): marketplaces fetch the image by the URL as it is and
 * cannot fetch one with a space.
 */
export function imageUrlsEncoded<Item>(slots: readonly ImageSlot<Item>[]): FixStep<Item, unknown> {
  return {
    id: 'image-url-encoded',
    severity: 'warning',
    description: 'image URLs with characters a URL may not carry (spaces, quotes, non-ASCII letters) were sent percent-encoded',
    fix(draft: Draft<Item>, _ctx, report: Report) {
      for (const slot of slots) {
        const urls = slot.get(draft.item);
        const encoded = urls.map(encodeUrl);
        if (encoded.every((url, i) => url === urls[i])) continue;
        slot.set(draft.item, encoded);
        report(
          slot.field,
          encoded
            .filter((url, i) => url !== urls[i])
            .map((url) => `'${url}'`)
            .join(', '),
        );
      }
    },
  };
}
