import { nextRoute } from '@/lib/http/exchange';
import { otherMethods } from '@/lib/http/respond';
import { infoEndpoint } from '@/lib/http/public-read';

export const dynamic = 'force-dynamic';
export const GET = nextRoute(infoEndpoint);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
