import { nextRoute } from '@/lib/http/exchange';
import { otherMethods } from '@/lib/http/respond';
import { linkEndpoint } from '@/lib/http/public-read';

export const GET = nextRoute(linkEndpoint);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
