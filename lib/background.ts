import 'server-only';
import { log } from './log';

/**
 * Runs `job` every `intervalMs` in the background until stopped. Runs never overlap (a slow one
 * makes the next wait for the interval after it), a failure is logged and the next run comes as
 * usual, and the timer never keeps the process alive on its own.
 */
export function every(intervalMs: number, name: string, job: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      log.error({ err: error }, `${name} failed`);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
