import type { Server, ServerResponse } from 'node:http';

// What every fake carrier server needs: JSON answers, a "slow carrier" answer, a loopback port.

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers after `ms`, long past any budget; nothing is sent once the client has given up. */
export function answerLater(res: ServerResponse, answer: () => void, ms = 5000) {
  const timer = setTimeout(answer, ms);
  res.on('close', () => clearTimeout(timer));
}

/** Listens on a free loopback port; `close` also drops kept-alive connections. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
