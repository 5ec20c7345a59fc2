import type { OutputFiles, TextSink } from '../../output/files.js';
import type { ItemWriter } from '../types.js';
import { MAX_MESSAGES } from './spec.js';
import type { AmazonMessage, FeedHeader } from './messages.js';

/** `amazon-us.json`, `amazon-us-2.json`, `amazon-us-3.json`, … */
export function partName(name: string, part: number): string {
  if (part === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${part}${name.slice(dot)}` : `${name}-${part}`;
}

const parentSkuOf = (message: AmazonMessage) => {
  const relation = message.attributes?.child_parent_sku_relationship?.[0];
  return typeof relation?.parent_sku === 'string' ? relation.parent_sku : undefined;
};
const isParent = (message: AmazonMessage) => message.attributes?.parentage_level?.[0]?.value === 'parent';

/**
 * Streams JSON_LISTINGS_FEED files: the header, then `"messages":[`, one message per line as
 * it comes, numbered from 1 in each file. A file that reaches `limit` messages is closed and
 * the next one started, each a complete envelope. A variation parent is held with its
 * children until the group ends (the only messages ever held), and a new file is started
 * early rather than split a group across files. Messages of all operation types pass through.
 * Nothing written, no file: the listings feed schema asks for at least one message.
 */
export function writeListingsFeed(
  files: OutputFiles,
  name: string,
  header: FeedHeader,
  limit = MAX_MESSAGES,
): ItemWriter<AmazonMessage> & { readonly held: number } {
  let part = 0;
  let sink: TextSink | undefined;
  let inFile = 0;
  let group: AmazonMessage[] = [];

  const open = async () => {
    if (sink) await finish();
    part++;
    sink = files.create(partName(name, part));
    inFile = 0;
    await sink.write(`{"header":${JSON.stringify(header)},"messages":[`);
  };
  const finish = async () => {
    await sink!.write('\n]}\n');
    await sink!.end();
    sink = undefined;
  };
  const emit = async (message: AmazonMessage) => {
    if (!sink || inFile >= limit) await open();
    inFile++;
    // `{"messageId":n,` and the message's own JSON after its `{`: no copy of the message
    const pending = sink!.write(`${inFile === 1 ? '' : ','}\n{"messageId":${inFile},${JSON.stringify(message).slice(1)}`);
    if (pending) await pending;
  };
  const flushGroup = async () => {
    const messages = group;
    group = [];
    if (messages.length === 0) return;
    if (sink && inFile > 0 && inFile + messages.length > limit && messages.length <= limit) await open();
    for (const message of messages) await emit(message);
  };

  return {
    get held() {
      return group.length;
    },
    write(message) {
      if (group.length > 0 && parentSkuOf(message) === group[0].sku) {
        group.push(message);
        return;
      }
      const flushed = flushGroup();
      if (isParent(message)) {
        return flushed.then(() => {
          group = [message];
        });
      }
      return flushed.then(() => emit(message));
    },
    async close() {
      await flushGroup();
      // nothing listed: no file (Amazon refuses a feed without messages); out/ and a publish drop the last one
      if (sink) await finish();
    },
  };
}
