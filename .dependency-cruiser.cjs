/**
 * The layers point one way (STYLE.md): cli → commands → pipeline → catalog / channels →
 * output / config → model. `npm test` runs this check: no cycle, no import up a layer.
 */
const layer = (name, path, above) => ({
  name: `${name}-imports-up`,
  comment: `${name} is below ${above.join(', ')}: it may not import them`,
  severity: 'error',
  from: { path },
  to: { path: above.map((a) => LAYERS[a]) },
});

const LAYERS = {
  cli: '^src/cli(\\.ts$|/)',
  commands: '^src/commands/',
  delta: '^src/delta/',
  pipeline: '^src/pipeline/',
  catalog: '^src/catalog/',
  channels: '^src/channels/',
  publish: '^src/publish/',
  overview: '^src/overview/',
  output: '^src/output/',
  config: '^src/config/',
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle is a design smell to fix', from: {}, to: { circular: true } },
    layer('commands', LAYERS.commands, ['cli']),
    // delta feeds join a build's items with the last publish: under the commands, over the pipeline and publishing
    layer('delta', LAYERS.delta, ['cli', 'commands']),
    layer('pipeline', LAYERS.pipeline, ['cli', 'commands', 'delta']),
    layer('catalog', LAYERS.catalog, ['cli', 'commands', 'delta', 'pipeline', 'channels']),
    layer('channels', LAYERS.channels, ['cli', 'commands', 'delta', 'pipeline', 'catalog', 'overview']),
    // publishing (destinations, state, guards, lock) sits between the commands and the output files it reads
    layer('publish', LAYERS.publish, ['cli', 'commands', 'delta', 'pipeline', 'catalog', 'channels']),
    // the operator's report reads a build's records and run report: it sits beside publishing, under the commands
    layer('overview', LAYERS.overview, ['cli', 'commands', 'delta', 'pipeline', 'catalog', 'publish']),
    layer('output', LAYERS.output, ['cli', 'commands', 'delta', 'pipeline', 'catalog', 'channels', 'publish', 'overview']),
    // config and output are one layer: config checks output paths against the files output reserves
    layer('config', LAYERS.config, ['cli', 'commands', 'delta', 'pipeline', 'catalog', 'channels', 'publish', 'overview']),
    {
      name: 'model-imports-up',
      comment: 'the model and the shared helpers beside it are the bottom layer',
      severity: 'error',
      from: { path: '^src/(model|errors|dates|ajv)\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(model|errors|dates|ajv)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
