/**
 * Shared by the image tests: generated images (good and broken), an HTTP server on 127.0.0.1
 * that serves them and every failure case, log capture, the CLI build, and a walk over every
 * `<img>` of every built page.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { readdir, readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { PROJECT } from "../helpers/site.ts";
import { PNG_SIGNATURE, pngChunk } from "../../lib/bench/png.ts";

export async function jpeg(width = 900, height = 600, hue = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: `hsl(${hue}, 60%, 50%)`, noise: { type: "gaussian", mean: 120, sigma: 30 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function solid(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();
}

export async function png(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer();
}

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80"><rect width="120" height="80" fill="#c33"/></svg>');

/** A two-frame, looping 2x2 GIF, written byte by byte (sharp 0.33 cannot make animations from scratch). */
export function animatedGif(): Buffer {
  // Each frame: 4 pixels of one palette colour, as LZW codes of 3 bits (clear=4, end=5).
  const codes = (index: number) => [4, index, 4, index, 4, index, 4, index, 5];
  const pack = (values: number[]) => {
    const out: number[] = [];
    let acc = 0;
    let bits = 0;
    for (const value of values) {
      acc |= value << bits;
      bits += 3;
      while (bits >= 8) {
        out.push(acc & 0xff);
        acc >>= 8;
        bits -= 8;
      }
    }
    if (bits) out.push(acc & 0xff);
    return out;
  };
  const frame = (index: number) => {
    const data = pack(codes(index));
    return [0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, data.length, ...data, 0];
  };
  const loop = [0x21, 0xff, 11, ...Buffer.from("NETSCAPE2.0"), 3, 1, 0, 0, 0];
  return Buffer.from([...Buffer.from("GIF89a"), 2, 0, 2, 0, 0x80, 0, 0, 255, 0, 0, 0, 0, 255, ...loop, ...frame(0), ...frame(1), 0x3b]);
}

export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await jpeg(800, 600);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A valid PNG header claiming 20000x20000 pixels (1.2 GB decoded) in under a kilobyte. */
export function pngBomb(size = 20000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = zlib.deflateSync(Buffer.alloc((1 + size * 3) * 4));
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", header), pngChunk("IDAT", rows), pngChunk("IEND", Buffer.alloc(0))]);
}

export interface ImageServer {
  origin: string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

type Route = { status?: number; type?: string; body?: Buffer | string; hang?: boolean; chunked?: boolean };

/** Serves `routes` on 127.0.0.1; `hang` routes accept the request and never answer. */
export async function startImageServer(routes: Record<string, Route>): Promise<ImageServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const url = request.url ?? "/";
    hits.set(url, (hits.get(url) ?? 0) + 1);
    const route = routes[url];
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (route.hang) return;
    const body = route.body ?? "";
    const headers: Record<string, string> = { "content-type": route.type ?? "image/png" };
    if (route.chunked) {
      response.writeHead(route.status ?? 200, headers);
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 16 * 1024) response.write(bytes.subarray(i, i + 16 * 1024));
      response.end();
      return;
    }
    response.writeHead(route.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `work` with `console.log` and `console.error` captured (the build prints through them). */
export async function captureLog<T>(work: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  try {
    const value = await work();
    return { value, lines };
  } finally {
    console.log = log;
    console.error = error;
  }
}

const run = promisify(execFile);

/** `scripts/build.ts` in a fresh process, in the fixture's root (so no in-memory cache helps). */
export async function buildWithCli(root: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(PROJECT, "scripts", "build.ts"), ...args], {
      cwd: root,
      env: { ...process.env, WENJI_OFFLINE: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

export interface FoundImg {
  page: string;
  src: string;
  attrs: Record<string, string | null>;
}

/** Every `<img>` of every HTML page under `output`, parsed. */
export async function everyImg(output: string): Promise<FoundImg[]> {
  const found: FoundImg[] = [];
  const entries = await readdir(output, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { document } = parseHTML(await readFile(file, "utf8"));
    for (const img of Array.from(document.querySelectorAll("img") as ArrayLike<Element>)) {
      const attrs: Record<string, string | null> = {};
      for (const name of ["src", "alt", "width", "height", "loading", "decoding", "fetchpriority", "srcset", "sizes"]) attrs[name] = img.getAttribute(name);
      found.push({ page: path.relative(output, file), src: attrs.src ?? "", attrs });
    }
  }
  return found;
}
