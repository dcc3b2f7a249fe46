// The package as an app installs it: entry points, version, typings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import * as api from '../../src/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('package', () => {
  it('announces the package version', () => {
    assert.equal(api.VERSION, pkg.version);
    assert.equal(api.Starling.VERSION, pkg.version);
    assert.equal(api.default, api.Starling);
  });

  it('has no runtime dependencies', () => {
    assert.equal(pkg.dependencies, undefined);
  });

  it('can be required from CommonJS where Node supports require(esm)', () => {
    const [major, minor] = process.versions.node.split('.').map(Number);
    const supported = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
    if (!supported) return;
    const required = createRequire(import.meta.url)('../../src/index.js');
    assert.equal(required.Starling, api.Starling);
  });

  it('declares every runtime export in index.d.ts', () => {
    const typings = readFileSync(new URL('../../index.d.ts', import.meta.url), 'utf8');
    for (const name of Object.keys(api).filter((n) => n !== 'default')) {
      assert.match(typings, new RegExp(`export (declare )?(class|function|const) ${name}\\b`), name);
    }
    assert.match(typings, /export default Starling/);
  });
});
