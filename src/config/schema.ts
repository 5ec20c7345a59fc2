/**
 * JSON Schemas for the config files: they ship with the tool, are compiled once, and are the one
 * place the config's shape is written: `config/types.ts` derives the TypeScript types from them.
 */

const columnMap = {
  type: 'object',
  description: 'canonical field -> source column',
  additionalProperties: { type: 'string', minLength: 1 },
} as const;

/** Where a catalog or an inventory overlay is read from: a file (`path`), or a database (`source` or `source_env`, with `query` or `table`); see `sources.ts`. */
const source = {
  path: { type: 'string', minLength: 1, description: 'a CSV, TSV, NDJSON or JSON file, relative to the workspace' },
  format: { enum: ['csv', 'tsv', 'ndjson', 'json'] },
  source: {
    type: 'string',
    minLength: 1,
    description: 'a database: sqlite:FILE (relative to the workspace) or postgres://user@host:5432/db',
  },
  source_env: {
    type: 'string',
    pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    description: 'the name of an environment variable holding the database source (a postgres:// URL with its password)',
  },
  query: { type: 'string', minLength: 1, description: 'the SQL query whose rows are the catalog (a database source)' },
  table: {
    type: 'string',
    minLength: 1,
    description: 'a table (or view) whose rows are the catalog: SELECT * FROM it (a database source)',
  },
  timeout_s: {
    type: 'number',
    exclusiveMinimum: 0,
    description: 'seconds to wait for the database: to connect, and for each batch of rows (default 60)',
  },
  columns: columnMap,
  list_separator: { type: 'string', minLength: 1, description: 'separator of list values in one cell (tags, image URLs, channels)' },
} as const;

const percent = { type: 'string', pattern: '^(100|[0-9]{1,2})(\\.[0-9]+)?%$', description: 'a share, as a percentage: 20%' } as const;

/** Where a feed's files go on `publish`: a folder, or an SFTP server; credentials come from the environment, an agent or key files. */
const publish = {
  type: 'object',
  additionalProperties: false,
  properties: {
    to: {
      type: 'string',
      pattern: '^(dir:.+|sftp://.+)$',
      description: '`dir:<folder>` (relative to the workspace) or `sftp://user@host:port/path/`; default dir:published',
    },
    password_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'environment variable holding the SFTP password' },
    key_file: { type: 'string', minLength: 1, description: 'private key file for SFTP (relative to the workspace, or ~/…)' },
    passphrase_env: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: "environment variable holding the key file's passphrase",
    },
    agent: {
      type: 'boolean',
      description: 'use the ssh agent of SSH_AUTH_SOCK (default: when SSH_AUTH_SOCK is set and no password or key is given)',
    },
    host_key: {
      type: 'string',
      pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$',
      description: "the server's host key fingerprint as ssh-keygen -lf prints it: any other key is refused",
    },
    timeout: { type: 'integer', minimum: 1, maximum: 600, description: 'seconds to wait for the server (default 20)' },
  },
} as const;

/** Safety guards: a publish that would replace a feed with one that looks broken is refused (exit 3) unless `--force`. */
const guards = {
  type: 'object',
  additionalProperties: false,
  properties: {
    max_drop: { ...percent, description: 'the listed count may drop by at most this share against the last publish (default 20%)' },
    max_price_change: {
      type: 'object',
      additionalProperties: false,
      properties: {
        share: { ...percent, description: 'at most this share of the prices may change by more than `factor` (default 10%)' },
        factor: { type: 'number', exclusiveMinimum: 1, description: 'a price changed by more than this factor, up or down (default 3)' },
      },
    },
    min_listed: { type: 'integer', minimum: 0, description: 'the feed must list at least this many items (default 1)' },
    lost_columns: { type: 'boolean', description: 'refuse when the catalog lost a mapped column the last publish had (default true)' },
  },
} as const;

const feedName = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' } as const;

/** How the feeds share each product's stock (see `pipeline/allocation.ts`): one of the two policies. */
const allocation = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  description: "how the feeds share each product's stock, so that together they never offer more units than there are: pooled or reserve",
  properties: {
    pooled: {
      type: 'object',
      minProperties: 1,
      propertyNames: feedName,
      additionalProperties: percent,
      description: "feed -> its share of each product's stock (40%); the feeds not named split what the shares leave equally",
    },
    reserve: {
      type: 'object',
      minProperties: 1,
      propertyNames: feedName,
      additionalProperties: { type: 'integer', minimum: 0 },
      description: 'feed -> units of each product kept for it, served in this order; the feeds not named split what is left equally',
    },
  },
} as const;

export const workspaceSchema = {
  $id: 'omnifeed.yaml',
  type: 'object',
  additionalProperties: false,
  required: ['catalog'],
  properties: {
    catalog: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...source,
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        timezone: {
          type: 'string',
          minLength: 1,
          description: 'IANA time zone (America/New_York) of catalog dates and times without an offset; default UTC',
        },
        units: {
          type: 'object',
          additionalProperties: false,
          properties: {
            weight: { enum: ['g', 'kg', 'lb', 'oz'] },
            dimension: { enum: ['mm', 'cm', 'm', 'in', 'ft'] },
          },
        },
      },
    },
    inventory: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...source,
        mode: { enum: ['replace', 'add'] },
        catalog_location: { type: 'string', minLength: 1, description: "the location the catalog's own quantity column counts for" },
        reserved: {
          type: 'object',
          description: 'units per location held back for the shop counter: never offered online',
          additionalProperties: { type: 'integer', minimum: 0 },
        },
      },
    },
    output: { type: 'string', minLength: 1, description: 'output folder for feeds and the run report, relative to the workspace' },
    state: { type: 'string', minLength: 1, description: 'folder of the last-published state and the workspace lock (default .omnifeed)' },
    publish: { ...publish, description: "every feed's destination, unless its definition gives one" },
    guards: { ...guards, description: "every feed's guards, unless its definition sets them" },
    allocation,
    feeds: {
      type: 'array',
      description: 'feeds built by default; every file in feeds/ when absent',
      items: feedName,
      uniqueItems: true,
    },
  },
} as const;

export const feedSchema = {
  $id: 'feed.yaml',
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'market', 'output'],
  properties: {
    channel: { type: 'string' },
    market: {
      type: 'object',
      additionalProperties: false,
      required: ['country', 'language', 'currency'],
      properties: {
        country: { type: 'string', pattern: '^[A-Z]{2}$' },
        language: { type: 'string', pattern: '^[a-z]{2}$' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    },
    output: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: { path: { type: 'string', minLength: 1 }, format: { type: 'string' } },
    },
    select: {
      type: 'object',
      additionalProperties: false,
      properties: {
        include: { type: 'string', minLength: 1 },
        exclude: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['when', 'reason'],
            properties: {
              when: { type: 'string', minLength: 1 },
              reason: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
            },
          },
        },
      },
    },
    variants: { enum: ['all', 'parent-only', 'cheapest', 'first-in-stock'] },
    pricing: {
      type: 'object',
      additionalProperties: false,
      properties: {
        markup_percent: { type: 'number', minimum: -100 },
        exchange_rate: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'units of the market currency per unit of the catalog currency: prices are converted before markup',
        },
        rates: {
          type: 'string',
          minLength: 1,
          description: 'a CSV file of exchange rates (`currency,rate`: market units per unit of that currency), relative to feeds/',
        },
        fee_percent: { type: 'number', minimum: 0, exclusiveMaximum: 100 },
        fee_fixed: { type: 'number', minimum: 0 },
        round_to: {
          type: 'string',
          pattern: '^(0\\.[0-9]{2}|[1-9][0-9]*)$',
          description: '`0.99`: round up to the next price ending .99; `0.05`: to a multiple of 0.05; `1`: whole units',
        },
        min_margin: {
          type: 'number',
          minimum: -1,
          maximum: 1,
          description: 'margin floor as a fraction: a product below it is excluded with `margin-below-floor`',
        },
      },
    },
    inventory: {
      type: 'object',
      additionalProperties: false,
      properties: {
        locations: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        buffer: { type: 'integer', minimum: 0 },
        percent: { type: 'number', minimum: 0, maximum: 100 },
        max: { type: 'integer', minimum: 0 },
        out_of_stock: { enum: ['keep', 'exclude'] },
      },
    },
    categories: { type: 'string', minLength: 1, description: 'category map CSV, relative to feeds/' },
    fields: { type: 'object', description: 'channel attribute -> template over the product', additionalProperties: { type: 'string' } },
    options: { type: 'object', description: "channel-specific settings, checked against the channel's schema" },
    delta: {
      type: 'boolean',
      description: 'every build of this feed sends only what changed since its last publish (as `build --delta` does); default false',
    },
    publish,
    guards,
  },
} as const;
