/**
 * One source image → its optimized variants, through @11ty/eleventy-img and sharp. Results
 * live in a persistent cache outside `_site/` keyed by the source's content hash and the
 * encoding options: a build with no changes re-encodes nothing, even after `_site/` is gone.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import eleventyImage, { type ImageMetadata } from "@11ty/eleventy-img";
import sharp from "sharp";
import { ENCODING, SOCIAL, WIDTHS } from "./settings.ts";

/** The site path every optimized file is served under. */
export const IMAGE_URL_PATH = "/img/";

export interface Variant {
  format: string;
  sourceType: string;
  url: string;
  srcset: string;
  width: number;
  height: number;
  /** File name in the cache's `files/` folder and under `/img/` in the output. */
  name: string;
  bytes: number;
}

export interface OptimizedImage {
  /** `picture`: AVIF + WebP + original format at several widths; `passthrough`: SVG or animated GIF as it was. */
  kind: "picture" | "passthrough";
  width: number;
  height: number;
  /** Variants per format, each list ascending by width. */
  formats: Record<string, Variant[]>;
  /** Content hash of the source (hex). */
  hash: string;
  sourceBytes: number;
  outputBytes: number;
}

/** Why an image could not be used, worded for the author. */
export class ImageProblem extends Error {}

export interface ImageStore {
  dir: string;
  files: string;
}

export function imageStore(root: string): ImageStore {
  const dir = path.join(root, ".cache", "images");
  return { dir, files: path.join(dir, "files") };
}

const require = createRequire(import.meta.url);
const versions = ["sharp", "@11ty/eleventy-img"].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
/** Changes whenever an option or a library that shapes the output changes. */
const OPTIONS_KEY = createHash("sha256").update(JSON.stringify({ versions, WIDTHS, ENCODING, SOCIAL })).digest("hex").slice(0, 12);

/** Results already known in this process (preview rebuilds), by content hash. */
const known = new Map<string, OptimizedImage>();

async function allExist(store: ImageStore, names: string[]): Promise<boolean> {
  const found = await Promise.all(names.map((name) => stat(path.join(store.files, name)).then(() => true, () => false)));
  return found.every(Boolean);
}

export function variantNames(image: OptimizedImage): string[] {
  return Object.values(image.formats).flatMap((list) => list.map((v) => v.name));
}

export interface ReadSource {
  file: string;
  bytes: Buffer;
  hash: string;
  /**
   * Downloaded from someone else's server: an SVG is rasterized instead of served as it was,
   * since an SVG opened from the site's own origin runs its scripts there.
   */
  untrusted: boolean;
}

export async function readSource(file: string, options: { untrusted?: boolean } = {}): Promise<ReadSource> {
  const bytes = await readFile(file);
  if (bytes.length === 0) throw new ImageProblem("is empty (0 bytes)");
  const untrusted = options.untrusted ?? false;
  // The same bytes give a different result when untrusted (rasterized SVG): they get their own cache entry.
  const hash = createHash("sha256").update(untrusted ? "untrusted\0" : "").update(bytes).digest("hex");
  return { file, bytes, hash, untrusted };
}

function manifestFile(store: ImageStore, hash: string): string {
  return path.join(store.dir, "manifest", `${hash.slice(0, 40)}-${OPTIONS_KEY}.json`);
}

/** The cached result for a source, if every file it names is still in the cache. */
export async function cachedImage(store: ImageStore, source: ReadSource): Promise<OptimizedImage | undefined> {
  const key = `${store.dir}\0${source.hash}`;
  const inMemory = known.get(key);
  if (inMemory) return inMemory;
  const text = await readFile(manifestFile(store, source.hash), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const image = JSON.parse(text) as OptimizedImage;
  if (!(await allExist(store, variantNames(image)))) return undefined;
  known.set(key, image);
  return image;
}

function sharpMessage(error: unknown): string {
  // libvips reports one line per decoder complaint; the author gets them on one line.
  const message = ((error as Error).message ?? String(error)).trim().split(/\s*\n\s*/).join("; ");
  if (/unsupported image format/i.test(message)) return "is not an image wenji can read (unsupported or unrecognized format)";
  if (/premature end|truncated|corrupt|invalid|not a jpeg|bad /i.test(message)) return `is damaged and cannot be decoded (${message.trim()})`;
  return `cannot be decoded (${message.trim()})`;
}

/** Encodes a source into the cache (the slow path; callers try `cachedImage` first). */
export async function encodeImage(store: ImageStore, source: ReadSource, maxPixels: number): Promise<OptimizedImage> {
  let meta: sharp.Metadata;
  try {
    // Only the header is read here: a bomb is measured before any pixel is decoded.
    meta = await sharp(source.bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageProblem(sharpMessage(error));
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!meta.format || !width || !height) throw new ImageProblem("has no readable size");
  if (width * height > maxPixels) {
    throw new ImageProblem(`is ${width}x${height} pixels (${Math.round((width * height) / 1e6)} megapixels), more than the limit of ${Math.round(maxPixels / 1e6)} megapixels (images.maxPixels)`);
  }
  await mkdir(store.files, { recursive: true });
  const hash12 = source.hash.slice(0, 12);
  let image: OptimizedImage;

  if ((meta.format === "svg" && !source.untrusted) || (meta.format === "gif" && (meta.pages ?? 1) > 1)) {
    // Vector art and animations lose by re-encoding; they are served exactly as written.
    // A remote SVG is not: it is rendered to pixels below, so no script, event handler or
    // external reference of it reaches the site (librsvg runs no script and, reading from
    // memory, loads nothing external). No sanitizer to keep in step with browsers' parsers.
    const ext = meta.format === "svg" ? "svg" : "gif";
    const name = `${hash12}.${ext}`;
    await writeFile(path.join(store.files, name), source.bytes);
    const variant: Variant = { format: ext, sourceType: ext === "svg" ? "image/svg+xml" : "image/gif", url: IMAGE_URL_PATH + name, srcset: `${IMAGE_URL_PATH + name} ${width}w`, width, height, name, bytes: source.bytes.length };
    image = { kind: "passthrough", width, height, formats: { [ext]: [variant] }, hash: source.hash, sourceBytes: source.bytes.length, outputBytes: source.bytes.length };
  } else {
    let metadata: ImageMetadata;
    try {
      metadata = await eleventyImage(source.file, {
        widths: WIDTHS,
        // "auto" keeps an SVG an SVG; a rasterized one falls back to PNG.
        formats: meta.format === "svg" ? ENCODING.formats.map((f) => (f === "auto" ? "png" : f)) : ENCODING.formats,
        outputDir: store.files,
        urlPath: IMAGE_URL_PATH,
        // wenji keeps its own cache (content hash + options); eleventy-img's would key on path and size.
        useCache: false,
        hashLength: 12,
        sharpOptions: { failOn: "truncated", limitInputPixels: maxPixels },
        sharpAvifOptions: ENCODING.avif,
        sharpWebpOptions: ENCODING.webp,
        sharpJpegOptions: ENCODING.jpeg,
        sharpPngOptions: ENCODING.png,
      });
    } catch (error) {
      throw new ImageProblem(sharpMessage(error));
    }
    const formats: Record<string, Variant[]> = {};
    let outputBytes = 0;
    let largest = { width, height };
    for (const [format, list] of Object.entries(metadata)) {
      formats[format] = list.map((v) => {
        outputBytes += v.size ?? 0;
        return { format, sourceType: v.sourceType, url: v.url, srcset: v.srcset, width: v.width, height: v.height, name: v.filename!, bytes: v.size ?? 0 };
      });
      const top = list[list.length - 1];
      if (top) largest = { width: top.width, height: top.height };
    }
    image = { kind: "picture", width: largest.width, height: largest.height, formats, hash: source.hash, sourceBytes: source.bytes.length, outputBytes };
  }
  await mkdir(path.dirname(manifestFile(store, source.hash)), { recursive: true });
  await writeFile(manifestFile(store, source.hash), JSON.stringify(image));
  known.set(`${store.dir}\0${source.hash}`, image);
  return image;
}

const socialInFlight = new Map<string, Promise<{ name: string; created: boolean }>>();

/** The OpenGraph image of a source: 1200x630, cropped to the most interesting part. */
export function socialImage(store: ImageStore, source: ReadSource, maxPixels: number): Promise<{ name: string; created: boolean }> {
  // Translations share images: one source, one social image, made once.
  const key = `${store.dir}\0${source.hash}`;
  let promise = socialInFlight.get(key);
  if (!promise) {
    promise = makeSocialImage(store, source, maxPixels);
    socialInFlight.set(key, promise);
    promise.catch(() => socialInFlight.delete(key));
  }
  return promise;
}

async function makeSocialImage(store: ImageStore, source: ReadSource, maxPixels: number): Promise<{ name: string; created: boolean }> {
  const name = `${source.hash.slice(0, 12)}-${OPTIONS_KEY.slice(0, 6)}-og.jpg`;
  const file = path.join(store.files, name);
  if (await stat(file).then(() => true, () => false)) return { name, created: false };
  await mkdir(store.files, { recursive: true });
  try {
    await sharp(source.bytes, { failOn: "truncated", limitInputPixels: maxPixels })
      .rotate()
      .resize(SOCIAL.width, SOCIAL.height, { fit: "cover", position: sharp.strategy.attention })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: SOCIAL.quality, mozjpeg: true })
      .toFile(`${file}.partial.jpg`);
    await rename(`${file}.partial.jpg`, file);
  } catch (error) {
    throw new ImageProblem(sharpMessage(error));
  }
  return { name, created: true };
}

/** The largest variant in the preferred format (AVIF): what a current browser downloads at most. */
export function servedBytes(image: OptimizedImage): number {
  const first = Object.values(image.formats)[0];
  return first[first.length - 1]?.bytes ?? 0;
}
