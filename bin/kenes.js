#!/usr/bin/env node
// The `kenes` command: runs the built CLI (dist/, made by `npm run build`, which `prepare` runs).
await import('../dist/main.js');
