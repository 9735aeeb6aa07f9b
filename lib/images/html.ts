/**
 * Finding `<img>` tags in rendered essay HTML (Markdown images and raw HTML alike) with
 * htmlparser2, and writing the `<picture>` that replaces each one.
 */
import { Parser } from "htmlparser2";
import eleventyImage from "@11ty/eleventy-img";
import { escapeHtml } from "../markdown/escape.ts";
import { SIZES } from "./settings.ts";
import type { OptimizedImage } from "./encode.ts";

export interface ImgTag {
  /** Offsets of the tag in the HTML: `html.slice(start, end)` is the whole `<img ...>`. */
  start: number;
  end: number;
  attrs: Record<string, string>;
}

/** Every `<img>` not already inside an author-written `<picture>`. */
export function findImgTags(html: string): ImgTag[] {
  const found: ImgTag[] = [];
  let pictureDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "picture") pictureDepth++;
        if (name === "img" && pictureDepth === 0) found.push({ start: parser.startIndex, end: parser.endIndex + 1, attrs: { ...attrs } });
      },
      onclosetag(name) {
        if (name === "picture") pictureDepth = Math.max(0, pictureDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}

/** Replaces tags by offset; replacements are applied back to front so offsets stay valid. */
export function replaceTags(html: string, replacements: { tag: ImgTag; html: string }[]): string {
  let out = html;
  for (const { tag, html: markup } of [...replacements].sort((a, b) => b.tag.start - a.tag.start)) {
    out = out.slice(0, tag.start) + markup + out.slice(tag.end);
  }
  return out;
}

function attributes(attrs: Record<string, unknown>): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([key, value]) => ` ${key}="${escapeHtml(String(value))}"`)
    .join("");
}

/** Attributes an author set that the new markup keeps (the rest is ours to decide). */
const KEPT = ["title", "class", "id", "style", "lang", "dir"];

export interface PictureOptions {
  alt: string;
  /** The first image of a page: fetched early, decoded as soon as possible. */
  eager: boolean;
  /** The author's original attributes, for title/class/id. */
  original?: Record<string, string>;
}

function loadingAttributes(eager: boolean): Record<string, string> {
  return eager ? { loading: "eager", fetchpriority: "high" } : { loading: "lazy", decoding: "async" };
}

/** `<picture>` with AVIF and WebP sources and an `<img>` fallback that carries width, height and alt. */
export function pictureHtml(image: OptimizedImage, options: PictureOptions): string {
  const kept = Object.fromEntries(KEPT.filter((key) => options.original?.[key] !== undefined).map((key) => [key, options.original![key]]));
  if (image.kind === "passthrough") {
    const only = Object.values(image.formats)[0][0];
    return `<img${attributes({ src: only.url, width: only.width, height: only.height, alt: options.alt, ...kept, ...loadingAttributes(options.eager) })}>`;
  }
  const object = eleventyImage.generateObject(image.formats, { alt: options.alt, sizes: SIZES, ...kept, ...loadingAttributes(options.eager) });
  const serialize = (tag: string, attrs: Record<string, unknown>): string => {
    const { "@children": children, ...own } = attrs as { "@children"?: Record<string, Record<string, unknown>>[] };
    if (!children) return `<${tag}${attributes(own)}>`;
    return `<${tag}${attributes(own)}>${children.map((child) => Object.entries(child).map(([t, a]) => serialize(t, a)).join("")).join("")}</${tag}>`;
  };
  return Object.entries(object).map(([tag, attrs]) => serialize(tag, attrs)).join("");
}
