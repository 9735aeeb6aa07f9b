/**
 * Remote images are downloaded once into the persistent cache and served from the site like
 * local ones; a cached copy keeps working when the host is gone. Every download is bounded:
 * http(s) only, a timeout for the whole transfer, a byte limit, image content types only.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Only this machine is reachable (WENJI_OFFLINE=1, as in the test suite): other hosts count as unreachable. */
  offline: boolean;
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
  if (limits.offline && !LOOPBACK.has(parsed.hostname)) {
    return { ok: false, reason: "is not cached and WENJI_OFFLINE=1 forbids downloading it" };
  }

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
  const seconds = `${limits.timeoutMs / 1000} s`;
  try {
    const response = await fetch(parsed, { signal: abort.signal, redirect: "follow", headers: { accept: "image/*" } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!type.startsWith("image/")) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `is not an image (content type "${type || "none"}")` };
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `is ${megabytes(declared)}, more than the limit of ${megabytes(limits.maxBytes)}` };
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
      received += read.value.byteLength;
      if (received > limits.maxBytes) {
        await reader!.cancel().catch(() => undefined);
        return { ok: false, reason: `is more than the limit of ${megabytes(limits.maxBytes)}` };
      }
      chunks.push(read.value);
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
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, reason: `could not be fetched (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  } finally {
    clearTimeout(timer);
  }
}

/** Drops a download that turned out not to be a usable image, so a later build fetches it again. */
export async function forgetRemoteImage(cacheDir: string, url: string): Promise<void> {
  const file = remoteCacheFile(cacheDir, url);
  await rm(file, { force: true });
  await rm(`${file}.json`, { force: true });
}
