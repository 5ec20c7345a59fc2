/**
 * Variant rules shared by the channels: every variant carries the values its group varies in,
 * no two variants are the same, and parents and children of a variation family stand or fall
 * together. A variant is a product an item lists (`Draft.variants`).
 */
import type { Prepared } from '../../model.js';
import type { Draft, GroupReport, GroupRule } from '../types.js';

/** One axis a group varies in, as the channel sends it: the name, where it is reported, the variant's value. */
interface Axis {
  name: string;
  field: string;
  value: string | undefined;
}

/** The axes of a variant in its item; default: the group's `varies`, read off the product. */
export type AxesOf<Item, Ctx> = (draft: Draft<Item>, variant: Prepared, ctx: Ctx) => readonly Axis[];

const byVaries: AxesOf<unknown, unknown> = (draft, variant) =>
  draft.group.varies.map((name) => ({ name, field: name, value: variant.product[name] }));

/** every (draft, variant) of a group's variant items, in order */
function* variantsOf<Item>(drafts: readonly Draft<Item>[]): Iterable<[Draft<Item>, Prepared]> {
  for (const draft of drafts) if (draft.group.parent) for (const v of draft.variants ?? []) yield [draft, v];
}

const skuFor = (draft: Draft, v: Prepared) => (v.product.sku === draft.sku ? undefined : v.product.sku);

export function variantMissingAttribute<Item, Ctx>(axesOf: AxesOf<Item, Ctx> = byVaries as AxesOf<Item, Ctx>): GroupRule<Item, Ctx> {
  return {
    id: 'variant-missing-attribute',
    severity: 'error',
    description: 'every variant carries a value of each attribute its group varies in',
    checkGroup(drafts, ctx, report: GroupReport<Item>) {
      for (const [draft, v] of variantsOf(drafts)) {
        const axes = axesOf(draft, v, ctx);
        const missing = axes.filter((a) => !a.value);
        if (missing.length > 0)
          report(
            draft,
            missing[0].field,
            `the group varies in ${axes.map((a) => a.name).join(', ')}; this variant has no ${missing.map((a) => a.name).join(', ')}`,
            skuFor(draft, v),
          );
      }
    },
  };
}

/**
 * Two variants with the same values of the axes, letter case and spaces aside (`Navy` and `navy `
 * are one value to eBay's variation picker and to a shopper). Variants of a group that varies in
 * nothing are all the same. A variant with an error (a missing value, say) claims no combination:
 * it is not listed. `field`: where the channel reports it (default: the first axis, else the parent SKU).
 */
export function variantNotDistinct<Item, Ctx>(
  axesOf: AxesOf<Item, Ctx> = byVaries as AxesOf<Item, Ctx>,
  field?: string,
): GroupRule<Item, Ctx> {
  return {
    id: 'variant-not-distinct',
    severity: 'error',
    description: 'two variants of a group have the same values of the attributes it varies in',
    checkGroup(drafts, ctx, report: GroupReport<Item>, failed) {
      const seen = new Set<string>();
      for (const [draft, v] of variantsOf(drafts)) {
        const axes = axesOf(draft, v, ctx);
        // a channel that sends none of the attributes the group varies in has already said why (Amazon: no theme)
        if (axes.length === 0 && draft.group.varies.length > 0) continue;
        const key = axes.map((a) => (a.value ?? '').trim().toLocaleLowerCase()).join('\u0000');
        const sku = skuFor(draft, v);
        const same =
          axes.length > 0
            ? `the same ${axes.map((a) => `${a.name} ${a.value ?? '(none)'}`).join(', ')}`
            : 'the same values: the group varies in no attribute';
        if (seen.has(key))
          report(draft, field ?? axes[0]?.field ?? 'parent_sku', `another variant of ${draft.group.parent!.product.sku} has ${same}`, sku);
        else if (!failed(draft, v.product.sku)) seen.add(key);
      }
    },
  };
}

/** Children of a parent item with an error leave with it: never an orphan variation (Amazon). */
export function variantParentInvalid<Item, Ctx>(field: string): GroupRule<Item, Ctx> {
  return {
    id: 'variant-parent-invalid',
    severity: 'error',
    description: "the group's parent item was left out by an error, so its variants are too (never orphaned)",
    checkGroup(drafts, _ctx, report: GroupReport<Item>, failed) {
      for (const draft of drafts) if (draft.parent && failed(draft.parent)) report(draft, field, `parent ${draft.parent.sku} was left out`);
    },
  };
}

/** A parent item all of whose variants were left out has nothing to list. */
export function variantsNoneValid<Item, Ctx>(field: string): GroupRule<Item, Ctx> {
  return {
    id: 'variants-none-valid',
    severity: 'error',
    description: 'every variant of the group has errors: there is nothing to list',
    checkGroup(drafts, _ctx, report: GroupReport<Item>, failed) {
      for (const parent of drafts) {
        const children = drafts.filter((d) => d.parent === parent);
        if (children.length > 0 && !failed(parent) && children.every((c) => failed(c)))
          report(parent, field, `none of the ${children.length} variants can be listed`);
      }
    },
  };
}
