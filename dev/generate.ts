import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { cliApiTypesFile } from './cli-api-types.ts';
import { generatedFiles } from './generated.ts';

/** `npm run generate`: writes the files built from the route table (dev/generated.ts), then the CLI's types built from the document just written. */
for (const file of generatedFiles()) {
  writeFileSync(file.path, file.content);
  console.log(`wrote ${relative(process.cwd(), file.path)}`);
}
// After the loop: the CLI's types are read from the OpenAPI document it has just rewritten.
const types = await cliApiTypesFile();
writeFileSync(types.path, types.content);
console.log(`wrote ${relative(process.cwd(), types.path)}`);
