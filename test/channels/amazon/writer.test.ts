import { describe, expect, it } from 'vitest';
import type { AmazonMessage } from '../../../src/channels/amazon/index.js';
import { partName, writeListingsFeed } from '../../../src/channels/amazon/writer.js';
import type { OutputFiles } from '../../../src/output/files.js';

function memoryFiles() {
  const texts = new Map<string, string>();
  const files: OutputFiles = {
    create(name) {
      texts.set(name, '');
      return { write: (t) => void texts.set(name, texts.get(name)! + t), end: async () => undefined };
    },
  };
  return { files, texts };
}

const standalone = (sku: string): AmazonMessage => ({
  sku,
  operationType: 'UPDATE',
  productType: 'PRODUCT',
  requirements: 'LISTING',
  attributes: { item_name: [{ value: sku }] },
});
const parent = (sku: string): AmazonMessage => ({
  ...standalone(sku),
  requirements: 'LISTING_PRODUCT_ONLY',
  attributes: { parentage_level: [{ value: 'parent' }] },
});
const child = (sku: string, parentSku: string): AmazonMessage => ({
  ...standalone(sku),
  attributes: { child_parent_sku_relationship: [{ child_relationship_type: 'variation', parent_sku: parentSku }] },
});

const skusPerFile = (texts: Map<string, string>) =>
  [...texts].map(([name, text]) => [name, (JSON.parse(text).messages as { sku: string }[]).map((m) => m.sku)]);

describe('amazon listings feed writer', () => {
  it('names the parts amazon-us.json, amazon-us-2.json, …', () => {
    expect([1, 2, 3].map((n) => partName('amazon-us.json', n))).toEqual(['amazon-us.json', 'amazon-us-2.json', 'amazon-us-3.json']);
    expect(partName('feeds/amazon', 2)).toBe('feeds/amazon-2');
  });

  it('starts a new file at the limit, each a complete envelope numbered from 1', async () => {
    const { files, texts } = memoryFiles();
    const writer = writeListingsFeed(files, 'f.json', { sellerId: 'A1', version: '2.0' }, 3);
    for (const sku of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) await writer.write(standalone(sku));
    await writer.close();
    expect(skusPerFile(texts)).toEqual([
      ['f.json', ['A', 'B', 'C']],
      ['f-2.json', ['D', 'E', 'F']],
      ['f-3.json', ['G']],
    ]);
    for (const text of texts.values()) {
      const doc = JSON.parse(text);
      expect(doc.header).toEqual({ sellerId: 'A1', version: '2.0' });
      expect(doc.messages.map((m: { messageId: number }) => m.messageId)).toEqual(doc.messages.map((_: unknown, i: number) => i + 1));
    }
  });

  it('starts a new file early rather than split a parent from its children, holding only the open group', async () => {
    const { files, texts } = memoryFiles();
    const writer = writeListingsFeed(files, 'f.json', { sellerId: 'A1', version: '2.0' }, 4);
    await writer.write(standalone('A'));
    await writer.write(standalone('B'));
    await writer.write(parent('P'));
    await writer.write(child('P-1', 'P'));
    await writer.write(child('P-2', 'P'));
    expect(writer.held).toBe(3);
    await writer.write(standalone('C'));
    expect(writer.held).toBe(0);
    await writer.write(parent('Q'));
    await writer.write(child('Q-1', 'Q'));
    await writer.close();
    expect(skusPerFile(texts)).toEqual([
      ['f.json', ['A', 'B']],
      ['f-2.json', ['P', 'P-1', 'P-2', 'C']],
      ['f-3.json', ['Q', 'Q-1']],
    ]);
  });

  it('writes no file when nothing is listed (the listings feed schema asks for one message at least)', async () => {
    const { files, texts } = memoryFiles();
    const writer = writeListingsFeed(files, 'f.json', { sellerId: 'A1', version: '2.0' });
    await writer.close();
    expect([...texts.keys()]).toEqual([]);
  });
});
