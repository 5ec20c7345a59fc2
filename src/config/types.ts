/** The config's TypeScript types, derived from the JSON Schemas in `schema.ts` (never written twice). */
import type { FromSchema } from 'json-schema-to-ts';
import type { feedSchema, workspaceSchema } from './schema.js';

/** `omnifeed.yaml` */
export type WorkspaceConfig = FromSchema<typeof workspaceSchema>;

export type CatalogFormat = NonNullable<WorkspaceConfig['catalog']['format']>;

/** A feed definition file (`feeds/<name>.yaml`) as written. */
type FeedFile = FromSchema<typeof feedSchema>;

export type PricingPolicy = NonNullable<FeedFile['pricing']>;
export type InventoryPolicy = NonNullable<FeedFile['inventory']>;
export type VariantPolicy = NonNullable<FeedFile['variants']>;

/** A feed definition as loaded: the file's content, its name and where it is. */
export type FeedDefinition = FeedFile & {
  /** the file name without extension: `google-us` */
  name: string;
  /** the definition's file, relative to the workspace */
  file: string;
};

export interface Workspace {
  root: string;
  configFile: string;
  config: WorkspaceConfig;
  feeds: FeedDefinition[];
}

/** What loading a workspace needs to know of a channel: the pipeline passes the registry. */
export type ChannelLookup = (name: string) => { name: string; formats: readonly string[]; optionsSchema?: object } | undefined;
