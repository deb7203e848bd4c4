// Writes lib/http/openapi-examples.json, the response examples of the API reference (see
// lib/demo/example-answers.ts). Run it after a change that alters an answer:
// `npm run openapi:examples`.
import { writeFileSync } from 'node:fs';
import { exampleResponses } from '@/lib/demo/example-answers';

const target = new URL('../lib/http/openapi-examples.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(await exampleResponses(), null, 2)}\n`);
console.log(`Wrote ${target.pathname}`);
