/** npm run api-types: regenerates web/src/api/openapi.d.ts from the OpenAPI document (scripts/api-types-source.ts). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_TYPES_FILE, apiTypesSource, buildDocument } from './api-types-source.ts';

writeFileSync(API_TYPES_FILE, await apiTypesSource(await buildDocument()));
console.log(`wrote ${fileURLToPath(API_TYPES_FILE)}`);
