// index.d.ts type-checks, and the usage shown in the README compiles against it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';

it('index.d.ts and the README usage type-check with tsc --strict', async () => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('../types/tsconfig.json', import.meta.url));
  const result = await new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', project], { timeout: 30000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code ?? 1 : 0, output: `${stdout}${stderr}` });
    });
  });
  assert.equal(result.code, 0, result.output);
});
