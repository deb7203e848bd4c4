import { getStaffAuth, withClientIp } from '@/lib/access/staff-auth';
import { clientIp } from '@/lib/http/exchange';

// better-auth's own endpoints (sign-in, sign-out, session, two-factor) under /api/auth; sign-up is
// off (lib/access/staff-auth.ts).
async function handle(req: Request): Promise<Response> {
  const ip = clientIp({ header: (name) => req.headers.get(name) });
  return (await getStaffAuth()).handler(new Request(req, { headers: withClientIp(req.headers, ip) }));
}

export { handle as GET, handle as POST };
