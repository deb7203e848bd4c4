// `npm run bench [-- bench/<file>.mts]`: build when needed, then run a bench (TypeScript, through
// tsx): bench/run.mts unless another file is named.
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', process.argv[2] ?? 'bench/run.mts'],
  {
    stdio: 'inherit',
    env: { ...process.env, LOG_TO_STDERR: '1' },
  },
);
process.exit(result.status ?? 1);
