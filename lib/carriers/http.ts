import 'server-only';
import { CarrierError, retryAfterSeconds } from './types';

/**
 * Sends one request to a carrier and turns the failures every carrier shares into CarrierErrors:
 * no answer (network, abort), refused credentials (401/403, after any token renewal), rate
 * limits (429) and server errors (5xx), keeping Retry-After. Any other answer, including the 4xx
 * some carriers use for "not found", is the adapter's to read.
 */
export async function sendToCarrier(carrier: string, send: () => Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await send();
  } catch (error) {
    if (error instanceof CarrierError) throw error;
    throw new CarrierError('unavailable', `${carrier} did not answer: ${(error as Error).name}`);
  }
  const fail = async (kind: 'auth' | 'rate_limited' | 'unavailable', message: string) => {
    await res.body?.cancel().catch(() => {});
    throw new CarrierError(kind, message, retryAfterSeconds(res.headers.get('retry-after')));
  };
  if (res.status === 401 || res.status === 403)
    await fail('auth', `${carrier} refused the credentials (${res.status})`);
  if (res.status === 429) await fail('rate_limited', `${carrier} rate limit`);
  if (res.status >= 500) await fail('unavailable', `${carrier} answered ${res.status}`);
  return res;
}

/** The JSON body; an abort while it streams in is the caller giving up, not a broken answer. */
export async function readCarrierJson(carrier: string, res: Response, signal: AbortSignal): Promise<unknown> {
  try {
    return await res.json();
  } catch (error) {
    if (signal.aborted)
      throw new CarrierError('unavailable', `${carrier} did not answer: ${(error as Error).name}`);
    throw new CarrierError('bad_response', `${carrier} answered with malformed JSON`);
  }
}
