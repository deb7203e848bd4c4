import 'server-only';
import { headers } from 'next/headers';
import { withClientIp } from '@/lib/access/staff-auth';
import { clientIp } from '@/lib/http/exchange';

/** This request's headers for better-auth, with the client address the rest of the portal uses. */
export async function staffRequestHeaders(): Promise<Headers> {
  const requestHeaders = await headers();
  return withClientIp(requestHeaders, clientIp({ header: (name) => requestHeaders.get(name) }));
}
