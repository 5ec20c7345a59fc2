import { CHANNELS } from '../channels/index.js';

export interface ChannelInfo {
  name: string;
  title: string;
  formats: string[];
  variants: string;
  rules: number;
}

/** The channels and formats this version supports. */
export async function channels(): Promise<ChannelInfo[]> {
  return CHANNELS.map((c) => ({
    name: c.name,
    title: c.title,
    formats: [...c.formats],
    variants: c.variants,
    rules: Object.keys(c.rules).length,
  }));
}
