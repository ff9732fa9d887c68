#!/usr/bin/env node
// Launcher: runs the TypeScript sources through tsx so that `npm install` is enough
// (no separate build step). tsx caches its transforms, so later starts are fast.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
