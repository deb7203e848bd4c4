import 'server-only';
import type { Branding } from '@/lib/branding/branding';
import { getDb } from '@/lib/db/client';
import { getBranding } from '@/lib/orders/branding';
import { pageAccount } from '../page-account';

/**
 * Before sign-in the account is not known yet: the sign-in pages wear the brand of the shop the
 * portal serves by default (DEFAULT_ACCOUNT, else the demo shop), like the shopper's start page.
 */
export function defaultStaffBranding(): Promise<Branding> {
  return getBranding(getDb(), pageAccount(undefined));
}
