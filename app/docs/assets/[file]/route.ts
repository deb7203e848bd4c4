import type { NextRequest } from 'next/server';
import { SWAGGER_UI_VERSION, swaggerUiAsset } from '@/lib/http/api-reference';

export async function GET(req: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const asset = await swaggerUiAsset((await params).file);
  if (!asset) return new Response('Not found', { status: 404 });
  // The URL names the version, so a browser may keep the file until the next upgrade.
  const current = req.nextUrl.searchParams.get('v') === SWAGGER_UI_VERSION;
  return new Response(new Uint8Array(asset.body), {
    headers: {
      'Content-Type': asset.type,
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
