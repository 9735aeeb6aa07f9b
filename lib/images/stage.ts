/**
 * The image stage of a build: after the model is built and before any page renders, every
 * essay's images (Markdown, raw `<img>`, cover) are resolved, downloaded when remote,
 * optimized through the persistent cache, and the essay's HTML gets `<picture>` elements.
 * Each essay with a cover or an image also gets its OpenGraph image.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { WenjiError } from "../content/problems.ts";
import type { Essay, SiteModel } from "../content/model.ts";
import { absoluteUrl } from "../i18n/urls.ts";
import { cachedImage, encodeImage, IMAGE_URL_PATH, imageStore, ImageProblem, readSource, servedBytes, socialImage, variantNames, type ImageStore, type OptimizedImage, type ReadSource } from "./encode.ts";
import { feedCandidate } from "./feed.ts";
import { findImgTags, pictureHtml, replaceTags, type ImgTag } from "./html.ts";
import { forgetRemoteImage, localizeRemoteImage } from "./remote.ts";
import { missingImageHtml } from "./missing.ts";
import { translator } from "../i18n/strings.ts";
import { bundleFiles, resolveImage } from "./resolve.ts";
import { SOCIAL, type ImageSettings } from "./settings.ts";

/** The OpenGraph image of an essay, for link previews (the SEO work reads it). */
export interface SocialImage {
  /** Site path without the path prefix: `/img/<name>-og.jpg`. */
  url: string;
  absoluteUrl: string;
  width: number;
  height: number;
  alt: string;
}

export interface ImageStageOptions {
  root: string;
  settings: ImageSettings;
  /** `--strict` or `images.strict`: a remote image that cannot be fetched stops the build. */
  strict: boolean;
  offline: boolean;
  log: (line: string) => void;
}

export interface ImageStageResult {
  /** Cache file names this build serves under `/img/`. */
  files: Set<string>;
  summary: string;
  processed: number;
  cached: number;
  failed: number;
  /** Essays whose images were taken as they were in an earlier build of this process (preview rebuilds). */
  reused: number;
  seconds: number;
}

/** One image reference of one essay. */
interface Reference {
  essay: Essay;
  role: "cover" | "body";
  src: string;
  alt: string;
  line?: number;
  tag?: ImgTag;
  source?: SourceState;
}

/** One unique image source of the build (a file, or a URL), shared by every essay using it. */
interface SourceState {
  key: string;
  label: string;
  url?: string;
  file?: string;
  read?: ReadSource;
  image?: OptimizedImage;
  problem?: string;
  encoded?: boolean;
}

/** What an unchanged essay needs on a preview rebuild, without parsing or hashing anything. */
interface EssayMemo {
  html: string;
  coverHtml?: string;
  coverSrc?: string;
  social?: SocialImage;
  files: string[];
  images: OptimizedImage[];
  warnings: string[];
  /** Local files the result depends on, with the modification time seen. */
  inputs: [string, number][];
}

const memos = new Map<string, EssayMemo>();

async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  });
  await Promise.all(workers);
}

function lineOfText(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

function where(essay: Essay, line?: number): string {
  return line ? `${essay.file}:${line}` : essay.file;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function memoKey(essay: Essay, options: ImageStageOptions): string {
  const cover = essay.cover;
  return createHash("sha1")
    .update([options.root, essay.file, essay.title, cover ? `${cover.src}\0${cover.alt}\0${cover.inSingle}\0${essay.fm.cover.relative}` : "", String(options.strict)].join("\0"))
    .update(essay.html)
    .digest("base64");
}

async function memoIsFresh(memo: EssayMemo): Promise<boolean> {
  for (const [file, mtime] of memo.inputs) {
    const current = await stat(file).then((s) => s.mtimeMs, () => -1);
    if (current !== mtime) return false;
  }
  return true;
}

/** Lines of each Markdown image, in order, so repeated sources get their own lines. */
function lineFinder(essay: Essay): (src: string) => number | undefined {
  const unused = [...essay.images];
  return (src) => {
    const index = unused.findIndex((image) => image.src === src);
    if (index >= 0) return unused.splice(index, 1)[0].line;
    if (!src.trim()) return undefined;
    return lineOfText(essay.source.source, src) ?? lineOfText(essay.source.source, decodeURI(src.replace(/%(?![0-9a-f]{2})/gi, "%25")));
  };
}

export async function optimizeSiteImages(model: SiteModel, options: ImageStageOptions): Promise<ImageStageResult> {
  const started = performance.now();
  const store: ImageStore = imageStore(options.root);
  const { site } = model.settings;
  const errors: string[] = [];
  const warnings: string[] = [];
  const files = new Set<string>();
  const used = new Map<string, OptimizedImage>();
  const sources = new Map<string, SourceState>();
  const references: Reference[] = [];
  const pending: Essay[] = [];
  /** Each pending essay's memo key, taken from the essay as rendered (before its <img>s are replaced). */
  const keys = new Map<Essay, string>();
  let reused = 0;

  // 1. Which essays need work: unchanged ones reuse their result; essays without images cost one `includes`.
  for (const essay of model.essays) {
    if (!essay.cover && !essay.html.includes("<img")) continue;
    const key = memoKey(essay, options);
    const memo = memos.get(key);
    if (memo && (await memoIsFresh(memo))) {
      reused++;
      applyMemo(essay, memo);
      for (const name of memo.files) files.add(name);
      for (const image of memo.images) used.set(image.hash, image);
      warnings.push(...memo.warnings);
      continue;
    }
    pending.push(essay);
    keys.set(essay, key);
  }

  // 2. Resolve every reference of the pending essays; a missing local file is the author's error.
  const bundleFile = bundleFiles(model.essays);
  for (const essay of pending) {
    const lineOf = lineFinder(essay);
    const refs: Reference[] = [];
    if (essay.cover) {
      refs.push({ essay, role: "cover", src: essay.cover.src, alt: essay.cover.alt, line: lineOfText(essay.source.source, essay.cover.src) });
    }
    if (essay.html.includes("<img")) {
      for (const tag of findImgTags(essay.html)) {
        const src = tag.attrs.src ?? "";
        refs.push({ essay, role: "body", src, alt: tag.attrs.alt ?? "", tag, line: lineOf(src) });
      }
    }
    for (const ref of refs) {
      const describe = `${ref.role === "cover" ? "cover image" : "image"} "${ref.src}"`;
      if (ref.role === "body" && !ref.alt.trim()) {
        warnings.push(`${where(essay, ref.line)}: warning: ${describe} has no alt text; describe it for readers who cannot see it`);
      }
      if (!ref.src.trim()) {
        errors.push(`${where(essay, ref.line)}: an image has no source (write its path between the parentheses of ![alt](path))`);
        continue;
      }
      const resolved = await resolveImage(ref.src, {
        root: options.root,
        dir: essay.source.dir,
        coverFromRoot: ref.role === "cover" && essay.fm.cover.relative !== true,
        bundleFile,
      });
      if (resolved.kind === "inline" || resolved.kind === "empty") continue;
      if (resolved.kind === "missing") {
        errors.push(`${where(essay, ref.line)}: ${describe} not found (looked for ${resolved.looked.join(", ")})`);
        continue;
      }
      const key = resolved.kind === "remote" ? `remote:${resolved.url}` : `local:${resolved.file}`;
      let source = sources.get(key);
      if (!source) {
        source =
          resolved.kind === "remote"
            ? { key, label: resolved.url, url: resolved.url }
            : { key, label: path.relative(options.root, resolved.file), file: resolved.file };
        sources.set(key, source);
      }
      ref.source = source;
      references.push(ref);
    }
  }

  // 3. Download, read and look up every source in the cache; only misses are encoded.
  const limits = { timeoutMs: options.settings.timeoutSeconds * 1000, maxBytes: options.settings.maxBytes, offline: options.offline, allowAddresses: options.settings.allowAddresses };
  const toEncode: SourceState[] = [];
  await pool([...sources.values()], 8, async (source) => {
    if (source.url) {
      const download = await localizeRemoteImage(source.url, store.dir, limits);
      if (!download.ok) {
        source.problem = download.reason;
        return;
      }
      source.file = download.file;
    }
    try {
      source.read = await readSource(source.file!, { untrusted: Boolean(source.url) });
      source.image = await cachedImage(store, source.read);
      if (!source.image) toEncode.push(source);
    } catch (error) {
      source.problem = error instanceof ImageProblem ? error.message : `cannot be read (${(error as Error).message})`;
    }
  });

  // A missing or empty image stops the build here, before anything is encoded (a real blog
  // waited 4 min 44 s of encoding to learn of two broken paths), with every local image
  // problem found so far; one found only while decoding is reported on the next run.
  if (errors.length) {
    for (const ref of references) {
      if (ref.source?.problem && !ref.source.url) errors.push(`${where(ref.essay, ref.line)}: ${ref.role === "cover" ? "cover image" : "image"} "${ref.src}" (${ref.source.label}) ${ref.source.problem}`);
    }
    throwImageErrors(errors);
  }

  let done = 0;
  await pool(toEncode, Math.max(1, Math.min(4, os.availableParallelism())), async (source) => {
    try {
      source.image = await encodeImage(store, source.read!, options.settings.maxPixels);
      source.encoded = true;
    } catch (error) {
      source.problem = error instanceof ImageProblem ? error.message : `cannot be encoded (${(error as Error).message})`;
      if (source.url) await forgetRemoteImage(store.dir, source.url);
    }
    done++;
    options.log(`images: ${done} of ${toEncode.length} encoded (${source.label}${source.problem ? ": failed" : ""})`);
  });

  // 4. Rewrite each pending essay, report its problems, make its social image.
  const byEssay = new Map<Essay, Reference[]>();
  for (const ref of references) byEssay.set(ref.essay, [...(byEssay.get(ref.essay) ?? []), ref]);
  await pool(pending, 4, async (essay) => {
    const refs = byEssay.get(essay) ?? [];
    const essayWarnings = warnings.filter((w) => w.startsWith(`${essay.file}:`) || w.startsWith(`${essay.file} `));
    const essayFiles = new Set<string>();
    const essayImages: OptimizedImage[] = [];
    let failedRemote = false;
    let localProblem = false;
    const warned = new Set<string>();
    for (const ref of refs) {
      const source = ref.source!;
      if (!source.problem) continue;
      const what = `${ref.role === "cover" ? "cover image" : "image"} ${source.url ? source.url : `"${ref.src}" (${source.label})`}`;
      const message = `${what} ${source.problem}`;
      if (source.url && !options.strict) {
        failedRemote = true;
        if (!warned.has(source.url)) {
          warned.add(source.url);
          const line = `${where(essay, ref.line)}: warning: ${message}; the page shows a placeholder that names the image and links to the original address`;
          warnings.push(line);
          essayWarnings.push(line);
        }
      } else {
        localProblem = true;
        errors.push(`${where(essay, ref.line)}: ${message}${source.url ? " (images.strict / --strict)" : ""}`);
      }
    }
    if (localProblem) return;

    const cover = refs.find((r) => r.role === "cover");
    const coverShown = Boolean(essay.cover?.inSingle);
    let eagerLeft = !coverShown;
    const replacements: { tag: ImgTag; html: string }[] = [];
    for (const ref of refs.filter((r) => r.role === "body").sort((a, b) => a.tag!.start - b.tag!.start)) {
      const image = ref.source?.image;
      const eager = eagerLeft;
      eagerLeft = false;
      if (!image && ref.source?.problem && ref.source.url) {
        replacements.push({ tag: ref.tag!, html: missingImageHtml(ref.source.url, ref.alt, translator(model.settings.strings[essay.lang])) });
        continue;
      }
      if (!image) continue;
      replacements.push({ tag: ref.tag!, html: pictureHtml(image, { alt: ref.alt, eager, original: ref.tag!.attrs }) });
      for (const name of variantNames(image)) essayFiles.add(name);
      essayImages.push(image);
    }
    const html = replacements.length ? replaceTags(essay.html, replacements) : essay.html;
    const memo: EssayMemo = { html, files: [], images: essayImages, warnings: essayWarnings, inputs: [] };
    if (cover?.source?.image && essay.cover) {
      const image = cover.source.image;
      memo.coverHtml = pictureHtml(image, { alt: essay.cover.alt, eager: coverShown });
      // Read by feeds and previews that take one URL: the universally readable fallback format.
      const fallback = Object.values(image.formats).at(-1)!;
      memo.coverSrc = feedCandidate(fallback)!.url;
      for (const name of variantNames(image)) essayFiles.add(name);
      essayImages.push(image);
    }

    // The cover, else the first image that could be used, makes the link preview.
    const socialRef = [cover, ...refs.filter((r) => r.role === "body")].find((r) => r?.source?.image && r.source.read);
    if (socialRef) {
      try {
        const social = await socialImage(store, socialRef.source!.read!, options.settings.maxPixels);
        essayFiles.add(social.name);
        const url = IMAGE_URL_PATH + social.name;
        memo.social = { url, absoluteUrl: absoluteUrl(site.url, site.pathPrefix, url), width: SOCIAL.width, height: SOCIAL.height, alt: socialRef.role === "cover" ? essay.cover!.alt : socialRef.alt || essay.title };
      } catch (error) {
        warnings.push(`${essay.file}: warning: no link-preview image: ${socialRef.source!.label} ${(error as Error).message}`);
      }
    }
    memo.files = [...essayFiles];
    applyMemo(essay, memo);
    for (const name of memo.files) files.add(name);
    for (const image of essayImages) used.set(image.hash, image);
    // Remembered only when complete: a failed download is tried again on the next rebuild.
    if (!failedRemote) {
      const locals = refs.filter((r) => r.source?.file && !r.source.url).map((r) => r.source!.file!);
      memo.inputs = await Promise.all([...new Set(locals)].map(async (file) => [file, (await stat(file)).mtimeMs] as [string, number]));
      memos.set(keys.get(essay)!, memo);
    }
  });

  const processed = [...sources.values()].filter((s) => s.encoded).length;
  const failed = [...sources.values()].filter((s) => s.problem).length;
  const encodedHashes = new Set([...sources.values()].filter((s) => s.encoded).map((s) => s.image!.hash));
  const cached = [...used.keys()].filter((hash) => !encodedHashes.has(hash)).length;
  let before = 0;
  let served = 0;
  let written = 0;
  for (const image of used.values()) {
    before += image.sourceBytes;
    served += servedBytes(image);
    written += image.outputBytes;
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = `images: ${used.size + failed} in essays: ${processed} processed, ${cached} cached, ${failed} failed; ${formatBytes(before)} source → ${formatBytes(served)} served at the largest width (${formatBytes(written)} in all variants); ${seconds.toFixed(2)} s`;
  for (const line of [...new Set(warnings)].sort()) options.log(line);
  if (errors.length) throwImageErrors(errors);
  options.log(summary);
  return { files, summary, processed, cached, failed, reused, seconds };
}

function throwImageErrors(errors: string[]): never {
  throw new WenjiError([...new Set(errors)].sort().concat(`${errors.length} image error${errors.length === 1 ? "" : "s"}`));
}

function applyMemo(essay: Essay, memo: EssayMemo): void {
  essay.html = memo.html;
  if (essay.cover && memo.coverHtml) {
    essay.cover.html = memo.coverHtml;
    essay.cover.src = memo.coverSrc ?? essay.cover.src;
  }
  if (memo.social) essay.socialImage = memo.social;
}
