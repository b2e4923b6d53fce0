import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Router } from 'express';

/** One static file, loaded once at startup and served from memory. */
interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** URLs of the assets the layout links to; they carry a content hash, so they can be cached forever. */
export interface AssetUrls {
  css: string;
  js: string;
  htmx: string;
}

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
const require = createRequire(import.meta.url);

function load(name: string, path: string, type: string): Asset {
  const body = readFileSync(path);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return {
    url: `/static/${name.slice(0, dot)}.${hash}${name.slice(dot)}`,
    type,
    body,
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${hash}"`,
  };
}

/**
 * Serves our CSS and JS and htmx (from the installed package, never a CDN), gzipped when the browser
 * accepts it, with hashed URLs and immutable caching. Files are read once, when the app is created.
 */
export function staticAssets(): { router: Router; urls: AssetUrls } {
  const css = load('app.css', `${STATIC_DIR}app.css`, 'text/css; charset=utf-8');
  const js = load('app.js', `${STATIC_DIR}app.js`, 'text/javascript; charset=utf-8');
  const htmx = load(
    'htmx.js',
    require.resolve('htmx.org/dist/htmx.min.js'),
    'text/javascript; charset=utf-8',
  );
  const byUrl = new Map([css, js, htmx].map((asset) => [asset.url, asset]));
  const router = Router();
  router.get('/static/:file', (req, res, next) => {
    const asset = byUrl.get(req.path);
    if (asset === undefined) return next();
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: asset.etag,
      Vary: 'Accept-Encoding',
    });
    if (req.get('if-none-match') === asset.etag) {
      res.status(304).end();
      return;
    }
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
      res.set('Content-Encoding', 'gzip').send(asset.gzip);
    } else {
      res.send(asset.body);
    }
  });
  return { router, urls: { css: css.url, js: js.url, htmx: htmx.url } };
}
