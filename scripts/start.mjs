// `npm start`: build when needed, then serve. The server migrates and seeds the demo shop itself
// (instrumentation.ts), so a fresh clone needs nothing else.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { superviseChild } from './supervise.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
const port = process.env.PORT ?? '3000';
const child = spawn(
  process.execPath,
  [join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', port],
  {
    stdio: 'inherit',
    env: process.env,
  },
);
superviseChild(child, 'next start');
