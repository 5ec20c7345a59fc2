export { build, validate, type BuildOptions } from './commands/build.js';
export { channels } from './commands/channels.js';
export { CHANNELS, findChannel } from './channels/index.js';
export type { ChannelAdapter, ChannelFeed, ChannelItem, ItemWriter, RuleInfo } from './channels/types.js';
export type { FeedDefinition, Workspace, WorkspaceConfig } from './config/types.js';
export { loadWorkspace } from './config/load.js';
export { OmnifeedError, ERROR_CODES } from './errors.js';
export type * from './model.js';
export type { RunReport, FeedReport } from './report.js';
