// The baseline of `npm run bench`: a bare node:http server that does the same lookup as the info
// API (the order by account and number, from the same SQLite file) and sends the same bytes the
// portal sent for it, without anything else. What no framework could beat on this machine.
//   node bench/bare-server.mts <sqlite path> <port> <json body file> <png body file>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const [path, port, jsonFile, pngFile] = process.argv.slice(2) as [string, string, string, string];
const db = new Database(path, { readonly: true });
const order = db.prepare('select * from orders where account_id = ? and order_number = ? limit 1');
const json = readFileSync(jsonFile);
const png = readFileSync(pngFile);

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  const row = order.get(Number(url.searchParams.get('account')), url.searchParams.get('order_number'));
  if (!row) {
    res.writeHead(404).end();
  } else if (url.pathname.startsWith('/v4/track/orders/info-widget')) {
    if (req.headers['if-none-match']) res.writeHead(304).end();
    else res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length }).end(png);
  } else {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': json.length }).end(json);
  }
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
