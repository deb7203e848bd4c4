// `npm run bench`: build when needed, then run bench/run.mts (TypeScript, through tsx).
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', 'bench/run.mts'],
  {
    stdio: 'inherit',
    env: { ...process.env, LOG_TO_STDERR: '1' },
  },
);
process.exit(result.status ?? 1);
