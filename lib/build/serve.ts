/**
 * The preview's server (`npm start`, Eleventy's dev server): drafts are on it, so it listens on
 * 127.0.0.1 unless `--host` shares it on purpose; and a guard in front of it answers paths the
 * dev server would choke on. Eleventy's dev server has no host option (it listens on every
 * interface), so its listen call is replaced, once, here.
 */
import { createRequire } from "node:module";

/** What the guard answers instead of the dev server. */
export interface GuardAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const answer = (status: number, body: string): GuardAnswer => ({ status, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${body}\n` });

/**
 * 400 for a path that does not decode (overlong UTF-8 such as %c0%af, a lone %), 404 for one
 * whose decoding hides a separator or NUL (%2f, %5c, %00): no page of the site has either.
 * The dev server threw on these from an async handler and never answered (an unhandled rejection).
 */
export function guardRequest(pathname: string): GuardAnswer | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return answer(400, "400 Bad Request: the path is not valid percent-encoded UTF-8");
  }
  if (/%(2f|5c|00)/i.test(pathname) || decoded.includes("\0")) return answer(404, "404 Not Found");
  return undefined;
}

type DevServer = { prototype: { _serverListen(port: number): void; server: { listen(options: { port: number; host: string }): void } } };

let listenHost = "127.0.0.1";
let patched = false;

/** Makes the dev server listen on `host` only. */
export function listenOn(host: string): void {
  listenHost = host;
  if (patched) return;
  const server = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as DevServer;
  server.prototype._serverListen = function (this: DevServer["prototype"], port: number) {
    this.server.listen({ port, host: listenHost });
  };
  patched = true;
}

/** The dev server's options for wenji's preview. */
export function previewServerOptions(options: { port: number; host: string }): Record<string, unknown> {
  listenOn(options.host);
  const shown = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    port: options.port,
    showAllHosts: false,
    onRequest: { "/*": ({ url }: { url: URL }) => guardRequest(url.pathname) },
    messageOnStart: ({ localhostUrl }: { localhostUrl: string }) =>
      `Preview at ${localhostUrl.replace("//localhost:", `//${shown}:`)}${options.host === "127.0.0.1" || options.host === "::1" ? " (this machine only; --host 0.0.0.0 shares it)" : " (shared on the network: drafts included)"}`,
  };
}
