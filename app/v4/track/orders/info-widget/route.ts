import { nextRoute } from '@/lib/http/exchange';
import { otherMethods } from '@/lib/http/respond';
import { widgetEndpoint } from '@/lib/http/public-read';

export const dynamic = 'force-dynamic';
export const GET = nextRoute(widgetEndpoint);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
