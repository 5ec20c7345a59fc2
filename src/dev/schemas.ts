/** `npm run schemas`: write the JSON Schemas of the config files into `schema/` (a test checks they are current). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS } from '../channels/index.js';
import { schemaFiles } from '../config/json-schemas.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');
for (const [name, text] of Object.entries(schemaFiles(CHANNELS))) {
  writeFileSync(path.join(folder, name), text);
  console.log(`wrote schema/${name}`);
}
