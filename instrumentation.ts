// Runs once when the server starts: validate the settings, migrate, then fill an empty database
// with the demo shop. A server that cannot do that must not serve: it says why in one line and
// exits, so a supervisor (or the operator) sees the cause instead of a server answering 500.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const { bootstrap } = await import('./lib/bootstrap');
    await bootstrap();
  } catch (error) {
    const name = (error as Error).name;
    console.error(name === 'ConfigError' ? (error as Error).message : `Start failed: ${String(error)}`);
    process.exit(1);
  }
}
