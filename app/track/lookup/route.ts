import type { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { clientIp, fromNext } from '@/lib/http/exchange';
import { ACCEPT_LANG_HEADER, LANG_HEADER } from '@/lib/i18n/locales';
import { formFields, seeOther } from '@/lib/http/forms';
import { handle, otherMethods } from '@/lib/http/respond';
import { lookupFormSchema } from '@/lib/schemas/lookup-form';
import { parseWith } from '@/lib/schemas/parse';
import { submitLookup } from '../page-state';

// The lookup and unlock forms post here, so the postal code travels in a body and never in a URL;
// the answer is a 303 to the tracking page (see submitLookup). A route handler, not a server
// action: it works without JavaScript and takes a shop's own form from its site (no Origin check),
// which can do no more than a link to /track can (README, "Cross-site posts").
const MAX_FORM_BYTES = 16 * 1024;

export const POST = handle(async (req: NextRequest) => {
  const fields = parseWith(lookupFormSchema, await formFields(req, MAX_FORM_BYTES));
  // A form without `lang` keeps the language the shopper chose before (proxy.ts).
  const lang = fields.lang ?? (req.headers.get(LANG_HEADER) || undefined);
  return seeOther(
    await submitLookup(
      getDb(),
      { ...fields, ...(lang ? { lang } : {}) },
      clientIp(fromNext(req)),
      req.headers.get(ACCEPT_LANG_HEADER) || null,
    ),
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
