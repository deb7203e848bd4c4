// The exit of `npm start` follows the Next server it runs: a supervisor (systemd, Docker, a
// process manager) restarts the portal only when we exit non-zero.

/**
 * Forwards SIGINT and SIGTERM to `child` and exits when it does. After a forwarded signal the
 * shutdown is ours: exit 0, or the child's own code. Any other end (a crash, a signal from
 * elsewhere such as the OOM killer's SIGKILL, or even a clean exit nobody asked for) exits
 * non-zero, with one line that says why.
 */
export function superviseChild(child, name) {
  let forwarded = null;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      forwarded = signal;
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`${name} could not run (${error.message}); exiting 1`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (forwarded) process.exit(code ?? 0);
    const exitCode = code || 1;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    console.error(`${name} exited (${how}); exiting ${exitCode} so a supervisor restarts the portal`);
    process.exit(exitCode);
  });
}
