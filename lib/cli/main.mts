// Entry point of `npm run cli`. Logs must not reach stdout, which belongs to the command's output,
// so the environment is set before anything that creates the logger is loaded.
process.env.LOG_TO_STDERR = '1';
const { runCli } = await import('./commands');
process.exitCode = await runCli(process.argv);
export {};
