import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { rewriteForwardedFor } from './client-ip';

const rewrite = (headers: IncomingHttpHeaders, socket: string, hops: number) => {
  rewriteForwardedFor(headers, socket, hops);
  return headers;
};

describe('client identity, decided at the socket', () => {
  it('without trusted proxies, the peer is the client whatever the headers say', () => {
    const headers = rewrite(
      { 'x-forwarded-for': '6.6.6.6, 7.7.7.7', 'x-real-ip': '8.8.8.8', forwarded: 'for=9.9.9.9' },
      '198.51.100.4',
      0,
    );
    expect(headers['x-forwarded-for']).toBe('198.51.100.4');
    expect(headers['x-real-ip']).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
    expect(rewrite({}, '198.51.100.4', 0)['x-forwarded-for']).toBe('198.51.100.4');
  });

  it('behind N trusted proxies, keeps the N entries they appended and the peer', () => {
    // A forged first entry, then what proxy A and proxy B appended; B is the peer's neighbour.
    const chain = '6.6.6.6, 203.0.113.7, 10.0.0.2';
    expect(rewrite({ 'x-forwarded-for': chain }, '10.0.0.3', 2)['x-forwarded-for']).toBe(
      '203.0.113.7, 10.0.0.2, 10.0.0.3',
    );
    expect(rewrite({ 'x-forwarded-for': chain }, '10.0.0.3', 1)['x-forwarded-for']).toBe(
      '10.0.0.2, 10.0.0.3',
    );
    const trusted = rewrite({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' }, '10.0.0.3', 1);
    expect(trusted['x-real-ip']).toBe('203.0.113.7');
  });

  it('reads repeated headers as one chain, and writes IPv4 peers one way', () => {
    const headers = { 'x-forwarded-for': ['6.6.6.6', '203.0.113.7'] } as unknown as IncomingHttpHeaders;
    expect(rewrite(headers, '::ffff:10.0.0.3', 1)['x-forwarded-for']).toBe('203.0.113.7, 10.0.0.3');
  });
});
