// The portal's server (`npm start`): it owns the socket, decides who the client is, answers the
// public read API itself by calling the same endpoint functions as the Next route handlers, and
// hands every other request to Next through its public custom-server API.
import { createServer, type ServerResponse } from 'node:http';
import next from 'next';
import { getConfig } from '@/lib/config';
import { closeAccessLog } from '@/lib/access/access-log';
import { closeDb, getDb } from '@/lib/db/client';
import { log } from '@/lib/log';
import { closeLimiter } from '@/lib/access/limits';
import { bootstrap } from '@/lib/bootstrap';
import { HANDED_READ_HEADER } from '@/app/track/page-state';
import { rewriteForwardedFor } from './client-ip';
import { fastPath } from './fast-path';
import { pageCache, shopperPage } from './page-cache';
import { staticFile } from './static-files';

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = getConfig();
  const app = next({ dev: false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Migrated and seeded before the first request, not beside it.
  await bootstrap();

  const failed = (res: ServerResponse) => (error: unknown) => {
    log.error({ err: error }, 'request failed');
    if (!res.headersSent) res.writeHead(500);
    res.end();
  };
  const server = createServer((req, res) => {
    try {
      rewriteForwardedFor(req.headers, req.socket.remoteAddress, config.TRUSTED_PROXY_HOPS);
      // Only our server hands the page a read (server/page-cache.ts); a client cannot.
      delete req.headers[HANDED_READ_HEADER];
      const next = () => handle(req, res);
      (
        staticFile(req, res, next) ??
        fastPath(req, res) ??
        pageCache(req, res, next) ??
        shopperPage(req, res, next) ??
        next()
      ).catch(failed(res));
    } catch (error) {
      // Nothing a client sends may leave its request unanswered.
      failed(res)(error);
    }
  });
  // Longer than the idle timeout of common load balancers (60 s), so they close connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    // No new connections; idle keep-alive ones end now, busy ones after their response.
    server.close(async () => {
      // What the access log still holds is written before the database closes.
      await closeAccessLog(getDb()).catch(() => undefined);
      await Promise.allSettled([closeDb(), closeLimiter(), app.close()]);
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      log.warn('requests still in flight after the grace period; closing them');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  server.listen(config.PORT, config.HOST, () => {
    log.info({ host: config.HOST, port: config.PORT }, 'portal listening');
  });
}

main().catch((error) => {
  console.error(error instanceof Error && error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});
