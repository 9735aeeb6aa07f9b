/**
 * The book's images come from the image cache the site build fills (lib/images/): for each
 * `<picture>`, the fallback JPEG or PNG variant at most 1600 px wide, copied byte for byte
 * (never re-encoded). SVG and GIF pass through as the site serves them. Only a WebP source,
 * whose fallback is WebP (not a core EPUB 3.2 type), is converted once to JPEG.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { WenjiError } from "../content/problems.ts";
import type { ImageUse } from "./xhtml.ts";

/** Widest image a book embeds: reading systems show images at most a screen wide. */
export const BOOK_IMAGE_WIDTH = 1600;

const MEDIA_TYPES: Record<string, string> = { jpeg: "image/jpeg", jpg: "image/jpeg", png: "image/png", gif: "image/gif", svg: "image/svg+xml", webp: "image/jpeg" };

export interface BookImageFile {
  href: string;
  mediaType: string;
  /** The cache file it is read from. */
  file: string;
  /** WebP: converted to JPEG while read. */
  convert: boolean;
}

function candidates(src: string, srcset: string | undefined): { url: string; width: number }[] {
  if (!srcset) return [{ url: src, width: 0 }];
  return srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .map(([url, width]) => ({ url, width: Number.parseInt(width ?? "", 10) || 0 }));
}

/** The widest candidate that fits the book, else the narrowest. */
export function chooseVariant(src: string, srcset: string | undefined): string {
  const sorted = candidates(src, srcset).sort((a, b) => a.width - b.width);
  return (sorted.filter((c) => c.width <= BOOK_IMAGE_WIDTH).at(-1) ?? sorted[0]).url;
}

export class BookImages {
  private readonly used = new Map<string, BookImageFile>();
  private readonly known = new Map<string, boolean>();

  constructor(private readonly storeFiles: string) {}

  /** The place in the book of an optimized image (`/img/<name>`), or undefined when the cache lacks it. */
  use(src: string, srcset: string | undefined): ImageUse | undefined {
    const name = path.posix.basename(decodeURI(chooseVariant(src, srcset)).split(/[?#]/)[0]);
    const ext = name.split(".").pop()!.toLowerCase();
    const mediaType = MEDIA_TYPES[ext];
    const file = path.join(this.storeFiles, name);
    if (!mediaType || !this.exists(file)) return undefined;
    const convert = ext === "webp";
    const href = `images/${convert ? `${name.slice(0, -5)}.jpg` : name}`;
    if (!this.used.has(href)) this.used.set(href, { href, mediaType, file, convert });
    return { href };
  }

  private exists(file: string): boolean {
    let found = this.known.get(file);
    if (found === undefined) this.known.set(file, (found = statSync(file, { throwIfNoEntry: false })?.isFile() ?? false));
    return found;
  }

  /** Every image used so far, in a fixed order. */
  files(): BookImageFile[] {
    return [...this.used.values()].sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
  }
}

export async function readBookImage(image: BookImageFile): Promise<Uint8Array> {
  const bytes = await readFile(image.file);
  return image.convert ? sharp(bytes).jpeg({ quality: 85, mozjpeg: true }).toBuffer() : bytes;
}

/** The configured cover (`book.cover`), read as it is; only JPEG and PNG are accepted. */
export async function readCover(root: string, cover: string): Promise<{ bytes: Uint8Array; mediaType: string; href: string }> {
  const ext = path.extname(cover).slice(1).toLowerCase();
  const mediaType = ext === "png" ? "image/png" : ext === "jpg" || ext === "jpeg" ? "image/jpeg" : undefined;
  if (!mediaType) throw new WenjiError([`_data/site.json: book.cover: "${cover}" is not a JPEG or PNG file (expected .jpg, .jpeg or .png)`]);
  const file = path.resolve(root, cover);
  if (path.relative(root, file).startsWith("..")) throw new WenjiError([`_data/site.json: book.cover: "${cover}" is outside the project`]);
  const bytes = await readFile(file).catch(() => {
    throw new WenjiError([`_data/site.json: book.cover: "${cover}" not found (looked for ${path.relative(root, file)})`]);
  });
  return { bytes, mediaType, href: `images/cover.${ext === "png" ? "png" : "jpg"}` };
}
