import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

const supervise = new URL('./supervise.mjs', import.meta.url).href;

/**
 * `npm start`'s supervision over a stand-in for `next start`: a node process that waits, or exits
 * with `exitCode` once it is running. Resolves with how the supervisor itself ended.
 */
function run(
  act: (pids: { supervisor: number; child: number }) => void,
  exitCode?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const childScript =
    exitCode === undefined
      ? 'setInterval(() => {}, 1000)'
      : `setTimeout(() => process.exit(${exitCode}), 50)`;
  const script = `
    import { spawn } from 'node:child_process';
    import { superviseChild } from ${JSON.stringify(supervise)};
    const child = spawn(process.execPath, ['-e', ${JSON.stringify(childScript)}], { stdio: 'inherit' });
    superviseChild(child, 'next start');
    child.on('spawn', () => console.log(child.pid));
  `;
  const supervisor = spawn(process.execPath, ['--input-type=module', '-e', script], {
    // Away from the working copy: a child killed by SIGABRT may leave a core file behind.
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let acted = false;
  supervisor.stderr.on('data', (d) => (stderr += d));
  supervisor.stdout.on('data', (d) => {
    stdout += d;
    const pid = Number(stdout.trim().split('\n')[0]);
    if (!acted && pid > 0) {
      acted = true;
      act({ supervisor: supervisor.pid!, child: pid });
    }
  });
  return new Promise((resolve) =>
    supervisor.on('exit', (code, signal) => resolve({ code, signal, stderr: stderr.trim() })),
  );
}

describe('npm start supervision', () => {
  it.each(['SIGKILL', 'SIGABRT'] as const)(
    'a next start killed by %s makes npm start exit 1 with one line saying so',
    async (signal) => {
      const r = await run(({ child }) => process.kill(child, signal));
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `next start exited (signal ${signal}); exiting 1 so a supervisor restarts the portal`,
      );
    },
  );

  it('a next start that fails with a code passes it on', async () => {
    const r = await run(() => undefined, 3);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('next start exited (code 3); exiting 3 so a supervisor restarts the portal');
  });

  it('a next start that ends on its own without an error still exits non-zero', async () => {
    const r = await run(() => undefined, 0);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('next start exited (code 0); exiting 1');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to npm start is a clean shutdown: exit 0', async (signal) => {
    const r = await run(({ supervisor }) => process.kill(supervisor, signal));
    expect(r).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
