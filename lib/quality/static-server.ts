/**
 * A tiny static file server on 127.0.0.1 for browser tests and Lighthouse: serves a built site
 * the way a plain static host would (directory → index.html, unknown path → 404.html, 404).
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isDirectory(), () => false);
}

/** The 404 page for a path: the language's own (`/en/404.html`) when there is one. */
async function notFoundPage(dir: string, pathname: string): Promise<string | undefined> {
  const first = pathname.split("/")[1];
  for (const candidate of [path.join(dir, first ?? "", "404.html"), path.join(dir, "404.html")]) {
    if (candidate.startsWith(dir) && (await isFile(candidate))) return candidate;
  }
  return undefined;
}

export async function serveDirectory(dir: string): Promise<StaticServer> {
  const rootDir = path.resolve(dir);
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end("bad path");
      return;
    }
    let file = path.join(rootDir, pathname);
    if (!file.startsWith(rootDir)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    if (await isDirectory(file)) {
      if (!pathname.endsWith("/")) {
        response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = path.join(file, "index.html");
    }
    let status = 200;
    if (!(await isFile(file))) {
      const fallback = await notFoundPage(rootDir, pathname);
      if (!fallback) {
        response.writeHead(404, { "content-type": TYPES[".txt"] }).end("not found");
        return;
      }
      status = 404;
      file = fallback;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    // Text is sent gzipped when the client accepts it, as any real static host does.
    const compress = /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const raw = await readFile(file);
    const body = compress ? gzipSync(raw) : raw;
    response.writeHead(status, {
      "content-type": type,
      "content-length": body.length,
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(compress ? { "content-encoding": "gzip" } : {}),
    });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the static server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
