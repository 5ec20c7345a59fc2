/**
 * eBay sites omnifeed writes for (CHANNELS.md §4.2; marketplace ids as in the Inventory API's
 * MarketplaceEnum). `siteId` is the text the CSV header's `*Action(SiteID=…)` cell carries;
 * `siteNumber` is the numeric site id of the Trading API and of Seller Hub.
 */
export interface EbaySite {
  siteId: string;
  siteNumber: number;
  marketplaceId: string;
  country: string;
  currency: string;
}

export const SITES = {
  US: { siteId: 'US', siteNumber: 0, marketplaceId: 'EBAY_US', country: 'US', currency: 'USD' },
  UK: { siteId: 'UK', siteNumber: 3, marketplaceId: 'EBAY_GB', country: 'GB', currency: 'GBP' },
  DE: { siteId: 'Germany', siteNumber: 77, marketplaceId: 'EBAY_DE', country: 'DE', currency: 'EUR' },
  AU: { siteId: 'Australia', siteNumber: 15, marketplaceId: 'EBAY_AU', country: 'AU', currency: 'AUD' },
  CA: { siteId: 'Canada', siteNumber: 2, marketplaceId: 'EBAY_CA', country: 'CA', currency: 'CAD' },
} as const satisfies Record<string, EbaySite>;

export type SiteCode = keyof typeof SITES;

/** The site of a feed: `options.site`, or the one whose country is the feed market's. */
export function siteFor(code: string | undefined, country: string): SiteCode | undefined {
  if (code) return code in SITES ? (code as SiteCode) : undefined;
  return (Object.keys(SITES) as SiteCode[]).find((k) => SITES[k].country === country);
}
