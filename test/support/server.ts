import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVER_BUNDLE, SERVER_NODE_OPTIONS } from '../../scripts/build-server.mjs';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export type ServerKind = 'portal' | 'next';

/**
 * The portal on the last build with its own database; resolves once it answers. `portal` is what
 * `npm start` runs (server/main.ts), `next` is plain `next start` (the route handlers alone).
 */
export async function startPortal(
  env: Record<string, string>,
  kind: ServerKind = 'portal',
): Promise<{ url: string; pid: number; stop: (graceMs?: number) => Promise<number | null> }> {
  const root = process.cwd();
  if (!existsSync(join(root, '.next', 'BUILD_ID')) || !existsSync(join(root, SERVER_BUNDLE))) {
    throw new Error('No production build: run `npm run build` (npm test does it for you).');
  }
  const port = await freePort();
  const command =
    kind === 'portal'
      ? [...SERVER_NODE_OPTIONS, join(root, SERVER_BUNDLE)]
      : [
          join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
          'start',
          '-p',
          String(port),
          '-H',
          '127.0.0.1',
        ];
  const child: ChildProcess = spawn(process.execPath, command, {
    cwd: root,
    // Background refresh would change the data under the tests; its own tests drive it directly.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      REFRESH_SCHEDULER: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind} server did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed). */
    stop: (graceMs = 5000) =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
      }),
  };
}
