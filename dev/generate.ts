import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generatedFiles } from './generated.ts';

/** `npm run generate`: writes the files built from the route table (dev/generated.ts). */
for (const file of generatedFiles()) {
  writeFileSync(file.path, file.content);
  console.log(`wrote ${relative(process.cwd(), file.path)}`);
}
