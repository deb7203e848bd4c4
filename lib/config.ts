import { z } from 'zod';

const intFromEnv = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const configSchema = z.object({
  DATABASE_URL: z.string().optional(),
  /** HTTP port of `npm start`; also the port of links the CLI signs when PUBLIC_BASE_URL is unset. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  DEFAULT_ACCOUNT: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ANON_RATE_LIMIT_PER_MIN: intFromEnv(60),
  LOCKOUT_MAX_FAILURES: intFromEnv(5),
  LOCKOUT_WINDOW_S: intFromEnv(1800),
  /** In process, each limit remembers at most this many keys (clients, orders); about 200 bytes each. */
  LIMITER_MAX_KEYS: z.coerce.number().int().positive().default(100_000),
  /** Each tracking in a response carries at most its newest this many checkpoints (SPEC §2). */
  CHECKPOINTS_PER_TRACKING: z.coerce.number().int().positive().max(10_000).default(200),
  /** Memory for projected orders kept between requests, in MB. */
  PROJECTION_CACHE_MB: intFromEnv(32),
  /** Memory for rendered widget cards kept between requests, in MB. */
  WIDGET_CACHE_MB: intFromEnv(32),
  /** How many proxies in front of the app append to X-Forwarded-For (0: use the socket's address). */
  TRUSTED_PROXY_HOPS: intFromEnv(0),
  SEED_DEMO: z.stringbool().default(true),
  /** CSP frame-ancestors for shops that embed the tracking page, e.g. "https://shop.example". */
  FRAME_ANCESTORS: z.string().default("'none'"),
  /** Shared store for lockouts and request budgets when several instances serve one database. */
  REDIS_URL: z.string().optional(),
  REDIS_KEY_PREFIX: z.string().default('portal'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

/** Deployment settings from the environment, validated once; a bad value stops the start. */
export function getConfig(): Config {
  if (cached) return cached;
  const parsed = configSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  cached = parsed.data;
  return cached;
}
