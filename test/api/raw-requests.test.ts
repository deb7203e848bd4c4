import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { baseUrl, skipReason } from './context';

/** Sends a request as raw bytes and returns the status line of the answer ('' when there is none). */
function raw(request: string, timeoutMs = 5000): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const done = () => resolve(answer.split('\r\n')[0] ?? '');
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', done);
    socket.on('error', done);
  });
}

// What a stranger can send that no browser would: the server answers it, and keeps answering.
describe.skipIf(skipReason !== '')('requests no browser sends', () => {
  it.each([
    ['a Host that is no host', 'GET /v4/track/orders/info/?tracking_id=x HTTP/1.1\r\nHost: [::\r\n'],
    [
      'a Host with several colons',
      'GET /v4/track/orders/info-widget/?tracking_id=x HTTP/1.1\r\nHost: a:b:c\r\n',
    ],
    ['a path that reads as another host', 'GET //[::/v4/track/orders/info/ HTTP/1.1\r\nHost: localhost\r\n'],
  ])('%s is answered at once', async (_, head) => {
    const status = await raw(`${head}Connection: close\r\n\r\n`);
    expect(status).toMatch(/^HTTP\/1\.1 [1-5]\d\d /);
    expect(status).not.toMatch(/ 408 /);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});
