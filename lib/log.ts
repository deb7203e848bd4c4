import pino from 'pino';
import { getConfig } from './config';

// JSON logs to stdout; stdout of the CLI stays reserved for its own output, so it logs to stderr.
export const log = pino(
  { level: getConfig().LOG_LEVEL },
  pino.destination({ dest: getConfig().LOG_TO_STDERR ? 2 : 1, sync: false }),
);
