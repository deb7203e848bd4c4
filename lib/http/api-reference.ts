import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import swaggerUi from 'swagger-ui-dist/package.json';

// The API reference page (/docs): Swagger UI, served from our own origin out of node_modules, so
// it works offline and under the pages' nonce-based Content-Security-Policy.

export const SWAGGER_UI_VERSION = swaggerUi.version;

/**
 * The two files the page loads. Paths are literal so the build's file tracing keeps exactly these
 * (1.7 MB of script and 0.2 MB of CSS) and never the rest of the package.
 */
const ASSETS: ReadonlyMap<string, { path: string; type: string }> = new Map([
  [
    'swagger-ui-bundle.js',
    {
      path: join(process.cwd(), 'node_modules/swagger-ui-dist/swagger-ui-bundle.js'),
      type: 'text/javascript; charset=utf-8',
    },
  ],
  [
    'swagger-ui.css',
    {
      path: join(process.cwd(), 'node_modules/swagger-ui-dist/swagger-ui.css'),
      type: 'text/css; charset=utf-8',
    },
  ],
]);

/** An asset of the page, or null for any other name. */
export async function swaggerUiAsset(name: string): Promise<{ body: Buffer; type: string } | null> {
  const asset = ASSETS.get(name);
  return asset ? { body: await readFile(asset.path), type: asset.type } : null;
}

export function apiReferenceHtml(nonce: string | null): string {
  const nonceAttr = nonce ? ` nonce="${nonce}"` : '';
  const asset = (name: string) => `/docs/assets/${name}?v=${SWAGGER_UI_VERSION}`;
  const options = {
    url: '/v4/openapi.json',
    dom_id: '#api-reference',
    deepLinking: true,
    // Swagger UI would otherwise send the document to validator.swagger.io for a badge.
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference – Order Status Portal</title>
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
</head>
<body>
<main id="api-reference"><noscript><p>The API reference needs JavaScript. The OpenAPI document itself is at <a href="/v4/openapi.json">/v4/openapi.json</a>.</p></noscript></main>
<script src="${asset('swagger-ui-bundle.js')}"${nonceAttr}></script>
<script${nonceAttr}>window.ui = SwaggerUIBundle(${JSON.stringify(options)});</script>
</body>
</html>
`;
}
