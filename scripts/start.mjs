// `npm start`: build when needed, then run the portal's server (server/main.ts, bundled): it
// owns the socket, answers the public read API itself and hands the rest to Next. The server
// migrates and seeds the demo shop itself (instrumentation.ts), so a fresh clone needs nothing else.
// `react-server` makes `server-only` imports in lib/ what they are in Next's server bundles.
import { spawn } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';
import { SERVER_BUNDLE, SERVER_NODE_OPTIONS } from './build-server.mjs';
import { superviseChild } from './supervise.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_BUNDLE], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
superviseChild(child, 'the portal server');
