import 'server-only';
import { getConfig } from '@/lib/config';
import { DEMO_ACCOUNT_ID } from '@/lib/demo/demo-data';
import { infoQuerySchema } from '@/lib/schemas/info-query';

/**
 * The shop of a shopper page: its `account` parameter when it is a valid account id, else
 * DEFAULT_ACCOUNT, else the demo shop when seeded.
 */
export function pageAccount(requested: string | undefined): number | undefined {
  const parsed = infoQuerySchema.shape.account.safeParse(requested);
  if (parsed.success && parsed.data !== undefined) return parsed.data;
  const config = getConfig();
  return config.DEFAULT_ACCOUNT ?? (config.SEED_DEMO ? DEMO_ACCOUNT_ID : undefined);
}
