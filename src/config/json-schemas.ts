/**
 * The JSON Schemas that ship in `schema/` for editors (the YAML language server reads the
 * `# yaml-language-server: $schema=…` line of a config file): made of the very objects the loader
 * validates with, `workspaceSchema` and `feedSchema`, with each channel's `options:` schema, its
 * formats and its name put in where the loader checks them once the channel is known.
 */
import { feedSchema, workspaceSchema } from './schema.js';

/** What a shipped schema needs to know of a channel: the registry passes them all. */
export interface ChannelSchema {
  name: string;
  formats: readonly string[];
  optionsSchema?: object;
}

const DRAFT = 'http://json-schema.org/draft-07/schema#';

export const SCHEMA_FILES = { workspace: 'omnifeed.schema.json', feed: 'feed.schema.json' } as const;

/** The schema of `omnifeed.yaml`. */
function workspaceJsonSchema(): object {
  const { $id: _, ...schema } = workspaceSchema;
  return { $schema: DRAFT, title: 'omnifeed workspace (omnifeed.yaml)', ...schema };
}

/** The schema of a feed definition (`feeds/<name>.yaml`): per channel, its formats and its options. */
function feedJsonSchema(channels: readonly ChannelSchema[]): object {
  const { $id: _, ...schema } = feedSchema;
  const { properties } = schema;
  return {
    $schema: DRAFT,
    title: 'omnifeed feed definition (feeds/<name>.yaml)',
    ...schema,
    properties: { ...properties, channel: { ...properties.channel, enum: channels.map((c) => c.name) } },
    allOf: channels.map((c) => ({
      if: { properties: { channel: { const: c.name } }, required: ['channel'] },
      then: {
        properties: {
          output: { properties: { format: { enum: [...c.formats], description: `${c.name} writes ${c.formats.join(' or ')}` } } },
          options: { description: `the ${c.name} channel's options`, ...(c.optionsSchema ?? { type: 'object' }) },
        },
      },
    })),
  };
}

/** Every shipped schema file: name -> its text (JSON, two-space indent, a final newline). */
export function schemaFiles(channels: readonly ChannelSchema[]): Record<string, string> {
  const text = (schema: object) => `${JSON.stringify(schema, null, 2)}\n`;
  return { [SCHEMA_FILES.workspace]: text(workspaceJsonSchema()), [SCHEMA_FILES.feed]: text(feedJsonSchema(channels)) };
}
