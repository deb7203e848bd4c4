// Accept-Language and Accept-Encoding share one form: `token;q=weight, …` (RFC 9110 §12.4.2).

/**
 * The tokens of such a header that the client accepts (a weight above 0, none given is 1), most
 * wanted first and then in the order sent; only the first `max` entries are read, as a client,
 * not a browser, sends more.
 */
export function weightedList(header: string, max: number): string[] {
  return header
    .split(',', max)
    .map((part, index) => {
      const [token = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { token: token.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ token, q }) => q > 0 && token !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ token }) => token);
}
