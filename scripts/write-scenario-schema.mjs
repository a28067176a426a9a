#!/usr/bin/env node
// Rewrites the `idp` enum of schema/scenario.schema.json from the profile registry's one list of
// names (src/idp/profile-names.ts, read from its build in dist/). Run by `npm run schema` after
// adding or renaming a profile; test/idp/registry.test.ts fails until the schema agrees.
import { readFileSync, writeFileSync } from 'node:fs';
import { PROFILE_NAMES } from '../dist/idp/profile-names.js';

const file = new URL('../schema/scenario.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(file, 'utf8'));
schema.properties.idp.enum = [...PROFILE_NAMES];
writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`schema/scenario.schema.json: idp is one of ${PROFILE_NAMES.join(', ')}`);
