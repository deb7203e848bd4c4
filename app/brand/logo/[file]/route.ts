import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { otherMethods } from '@/lib/http/respond';
import { getStoredLogo } from '@/lib/orders/branding';

// GET /brand/logo/<sha256>.<png|jpg|svg>: a logo uploaded in the branding editor. Its name is
// its hash, so it never changes: cached for a year. nosniff keeps browsers to the checked type;
// an SVG opened on its own runs in a sandbox with nothing to load.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ file: string }> }) {
  const logo = await getStoredLogo(getDb(), (await params).file);
  if (!logo) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return new Response(new Uint8Array(logo.data), {
    headers: {
      'Content-Type': logo.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      ...(logo.contentType === 'image/svg+xml' && {
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      }),
    },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
