#!/usr/bin/env node
// The store's one entry point (`npx dasmo …`): runs the TypeScript CLI through tsx.
const { spawn } = require('node:child_process');

const { join } = require('node:path');

const cli = join(__dirname, '..', 'store', 'cli.ts');
const tsx = require.resolve('tsx/cli');
const child = spawn(process.execPath, [tsx, cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Pass stop signals on, so `watch` and `serve` can finish cleanly.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
