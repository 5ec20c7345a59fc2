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
