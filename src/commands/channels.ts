import { CHANNELS } from '../channels/index.js';
import type { Severity } from '../model.js';

export interface ChannelInfo {
  name: string;
  title: string;
  formats: string[];
  variants: string;
  /** every check, fix and group rule the validate stage runs for the channel: the same objects */
  rules: { id: string; severity: Severity; description: string }[];
}

/** The channels and formats this version supports, with every rule of each. */
export async function channels(): Promise<ChannelInfo[]> {
  return CHANNELS.map((c) => ({
    name: c.name,
    title: c.title,
    formats: [...c.formats],
    variants: c.variants,
    rules: c.rules.map(({ id, severity, description }) => ({ id, severity, description })),
  }));
}
