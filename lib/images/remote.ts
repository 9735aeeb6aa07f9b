/**
 * Remote images are downloaded once into the persistent cache and served from the site like
 * local ones; a cached copy keeps working when the host is gone. Every download is bounded:
 * http(s) only, a timeout for the whole transfer, a byte limit, image content types only, no
 * loopback, private or link-local address on any hop (address.ts) unless the site allows it.
 */
import { createHash } from "node:crypto";
import dns, { type LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type BlockList, type LookupFunction } from "node:net";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { allowList, refusedAddress } from "./address.ts";

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Only this machine is reachable (WENJI_OFFLINE=1, as in the test suite): other hosts count as unreachable. */
  offline: boolean;
  /** `images.allowAddresses`: loopback, private or link-local addresses that may be fetched anyway. */
  allowAddresses?: string[];
}

export type Download = { ok: true; file: string; fromCache: boolean } | { ok: false; reason: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Where a URL's download lives in the cache, whether or not it was downloaded yet. */
export function remoteCacheFile(cacheDir: string, url: string): string {
  return path.join(cacheDir, "remote", createHash("sha256").update(url).digest("hex").slice(0, 32));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile() && s.size > 0, () => false);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

export async function localizeRemoteImage(url: string, cacheDir: string, limits: DownloadLimits): Promise<Download> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "is not a valid URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: `uses ${parsed.protocol.replace(/:$/, "")}; only http and https images are downloaded` };
  }
  const file = remoteCacheFile(cacheDir, url);
  if (await exists(file)) return { ok: true, file, fromCache: true };
  // A literal private address is refused whatever the mode: the message says why, offline or not.
  const literal = parsed.hostname.replace(/^\[|\]$/g, "");
  const refusedLiteral = isIP(literal) ? refusedAddress(literal, allowList(limits.allowAddresses ?? [])) : undefined;
  if (refusedLiteral) return { ok: false, reason: `is on ${refusedLiteral}` };
  if (limits.offline && !LOOPBACK.has(parsed.hostname)) {
    return { ok: false, reason: "is not cached and WENJI_OFFLINE=1 forbids downloading it" };
  }

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
  const seconds = `${limits.timeoutMs / 1000} s`;
  try {
    const got = await requestFollowing(parsed, allowList(limits.allowAddresses ?? []), abort.signal);
    if ("refused" in got) return { ok: false, reason: got.refused };
    const response = got.response;
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      response.destroy();
      return { ok: false, reason: `answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}` };
    }
    const type = String(response.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (!type.startsWith("image/")) {
      response.destroy();
      return { ok: false, reason: `is not an image (content type "${type || "none"}")` };
    }
    const declared = Number(response.headers["content-length"] ?? NaN);
    if (declared > limits.maxBytes) {
      response.destroy();
      return { ok: false, reason: `is ${megabytes(declared)}, more than the limit of ${megabytes(limits.maxBytes)}` };
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > limits.maxBytes) {
        response.destroy();
        return { ok: false, reason: `is more than the limit of ${megabytes(limits.maxBytes)}` };
      }
      chunks.push(chunk);
    }
    if (received === 0) return { ok: false, reason: "answered with an empty body (0 bytes)" };
    // Written beside, then renamed: an interrupted build never leaves half a file in the cache.
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.concat(chunks));
    await rename(partial, file);
    await writeFile(`${file}.json`, JSON.stringify({ url, contentType: type, bytes: received, downloaded: new Date().toISOString() }));
    return { ok: true, file, fromCache: false };
  } catch (error) {
    if (abort.signal.aborted) return { ok: false, reason: `did not answer within ${seconds}` };
    const e = error as NodeJS.ErrnoException;
    if (e.code === REFUSED) return { ok: false, reason: e.message };
    return { ok: false, reason: `could not be fetched (${e.code ?? e.message})` };
  } finally {
    clearTimeout(timer);
  }
}

const MAX_REDIRECTS = 5;
const REFUSED = "EWENJIREFUSED";

/**
 * GET `url`, following up to MAX_REDIRECTS redirects by hand so that each hop is checked:
 * http(s) only, and (through `lookup`, when the socket is about to connect) no address that
 * refusedAddress refuses. A literal IP in a URL is checked before the request is made.
 */
async function requestFollowing(url: URL, allowed: BlockList, signal: AbortSignal): Promise<{ response: IncomingMessage } | { refused: string }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const literal = current.hostname.replace(/^\[|\]$/g, "");
    const refused = isIP(literal) ? refusedAddress(literal, allowed) : undefined;
    if (refused) return { refused: hop ? `redirects to ${current.href}, on ${refused}` : `is on ${refused}` };
    const response = await get(current, allowed, signal).catch((error: NodeJS.ErrnoException) => {
      if (error.code === REFUSED && hop) error.message = `redirects to ${current.href}, which ${error.message}`;
      throw error;
    });
    const location = response.headers.location;
    if (!location || ![301, 302, 303, 307, 308].includes(response.statusCode ?? 0)) return { response };
    response.destroy();
    if (hop >= MAX_REDIRECTS) return { refused: `redirects more than ${MAX_REDIRECTS} times` };
    const next = new URL(location, current);
    if (next.protocol !== "http:" && next.protocol !== "https:") return { refused: `redirects to ${next.protocol.replace(/:$/, "")}; only http and https images are downloaded` };
    current = next;
  }
}

function get(url: URL, allowed: BlockList, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.map((a) => refusedAddress(a.address, allowed)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(`resolves to ${refused}`), { code: REFUSED }), "", 0);
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { signal, lookup, headers: { accept: "image/*", "user-agent": "wenji" } }, resolve);
    request.on("error", reject);
  });
}

/** Drops a download that turned out not to be a usable image, so a later build fetches it again. */
export async function forgetRemoteImage(cacheDir: string, url: string): Promise<void> {
  const file = remoteCacheFile(cacheDir, url);
  await rm(file, { force: true });
  await rm(`${file}.json`, { force: true });
}
