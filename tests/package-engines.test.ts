/**
 * Every package the lock file installs runs on the Node version package.json promises: a package
 * whose `engines.node` excludes it makes `npm ci` print EBADENGINE on the README's Node, and such
 * packages tend to use that Node's newer APIs at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, name), 'utf8')) as unknown;

const pkg = readJson('package.json') as { engines?: { node?: string } };
const lock = readJson('package-lock.json') as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('package engines', () => {
  it('package.json names the Node versions it supports', () => {
    expect(semver.validRange(pkg.engines?.node)).toBeTruthy();
  });

  it('no installed package excludes the lowest Node version package.json names', () => {
    const lowest = semver.minVersion(pkg.engines!.node!)!.version;
    const excluding = Object.entries(lock.packages)
      .filter(([where]) => where !== '')
      .flatMap(([where, entry]) => {
        // Very old packages wrote engines as an array; npm ignores that form, so do we.
        const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return wanted && !semver.satisfies(lowest, wanted, { includePrerelease: true })
          ? [`${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${wanted}`]
          : [];
      });
    expect(excluding, `Node ${lowest} (package.json engines: ${pkg.engines!.node})`).toEqual([]);
  });
});
