import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { errorResponse, otherMethods } from '@/lib/http/respond';
import { widgetPreview } from '@/lib/staff/branding-preview';
import { requireStaff } from '@/lib/staff/session';

// GET /staff/branding-preview/widget?name=&primary_color=&client_key=&lang=: the branding editor's
// widget preview with unsaved values (admins, their own account's client keys only).
export async function GET(req: NextRequest) {
  try {
    const staff = await requireStaff({ role: 'admin', from: 'route' });
    const png = await widgetPreview(getDb(), staff, Object.fromEntries(req.nextUrl.searchParams));
    return new Response(new Uint8Array(png), {
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, no-store' },
    });
  } catch (error) {
    return errorResponse(error, req.nextUrl.searchParams.get('lang'));
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
