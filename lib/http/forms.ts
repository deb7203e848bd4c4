import 'server-only';
import { DomainError } from '@/lib/errors';
import { normalizeQuery } from '@/lib/schemas/info-query';

const FORM_TYPE = 'application/x-www-form-urlencoded';

const tooLarge = (maxBytes: number) =>
  new DomainError('invalid', `The form is larger than ${Math.round(maxBytes / 1024)} kB.`);

/** The body, refused once it passes `maxBytes`, whether or not its length was declared. */
async function boundedText(req: Request, maxBytes: number): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The fields of an HTML form sent as `application/x-www-form-urlencoded` (what a form without
 * `enctype` sends): the first value of each, with the API's aliases applied.
 */
export async function formFields(req: Request, maxBytes: number): Promise<Record<string, string>> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FORM_TYPE) throw new DomainError('invalid', `Send the form as ${FORM_TYPE}.`);
  return normalizeQuery(new URLSearchParams(await boundedText(req, maxBytes)));
}

/** 303 See Other: after a form, the browser GETs `location`, and a reload does not send the form again. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}
