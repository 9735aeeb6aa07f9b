/**
 * The books the tests read: the project's sample essays plus essays that exercise the
 * selection rules (feed: false, searchHidden), a missing remote image, ids not valid in XML,
 * MathML and inline SVG. Made once per test file.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { unzipSync, strFromU8 } from "fflate";
import { makeFixtureRoot } from "../helpers/site.ts";
import { loadBookModel } from "../../lib/book/site.ts";
import { makeBook, type Book } from "../../lib/book/book.ts";
import type { SiteModel } from "../../lib/content/model.ts";

export const EXTRA_POSTS: Record<string, string> = {
  "search-hidden.md": `---
title: "不进搜索的笔记"
date: 2025-06-01T10:00:00+08:00
searchHidden: true
tags: [写作]
---

这篇文章不出现在站内搜索里，但订阅和电子书里都有。
`,
  "not-in-feeds.md": `---
title: "不进订阅的文章"
date: 2025-06-02T10:00:00+08:00
feed: false
---

这篇文章选择不进订阅，电子书里也没有。
`,
  "maths-and-figures.md": `---
title: "公式、图形与缺失的图片"
date: 2025-06-03T10:00:00+08:00
tags: [排版]
---

质能方程写作 <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>，这是行内公式。

<svg width="40" height="20" viewBox="0 0 40 20" role="img" aria-label="一个矩形"><rect width="40" height="20" fill="#8c2f1e"/></svg>

## 2025 回顾

远程图片下载不到时，书里留一个占位：

![一张已经下载不到的图](http://127.0.0.1:9/gone.png)

回到[上一节](#2025-回顾)，或者读[为什么我们要留副本](/posts/why-we-keep-copies/#链接不等于拥有)，也可以看[外部的文章](https://example.com/essay)。
`,
};

export interface BookSet {
  root: string;
  model: SiteModel;
  books: Record<"zh" | "en" | "zhVertical" | "enVertical", Book>;
  dir: string;
}

export async function makeBooks(): Promise<BookSet> {
  const root = await makeFixtureRoot({ samplePosts: true, posts: EXTRA_POSTS });
  const model = await loadBookModel({ root, offline: true, log: () => undefined });
  const books = {
    zh: await makeBook(model, { root, lang: "zh" }),
    en: await makeBook(model, { root, lang: "en" }),
    zhVertical: await makeBook(model, { root, lang: "zh", vertical: true }),
    enVertical: await makeBook(model, { root, lang: "en", vertical: true }),
  };
  const dir = path.join(root, "_book");
  await mkdir(dir, { recursive: true });
  for (const [name, book] of Object.entries(books)) await writeFile(path.join(dir, `${name}.epub`), book.bytes);
  return { root, model, books, dir };
}

/** The book's files by path, text files decoded. */
export function unzipBook(book: Book): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(book.bytes)));
}

export function text(files: Map<string, Uint8Array>, name: string): string {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is not in the book`);
  return strFromU8(bytes);
}

/** Writes the book's files to a folder, as a reading system unpacks them. */
export async function unpack(book: Book, dir: string): Promise<void> {
  for (const [name, bytes] of unzipBook(book)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
}

const run = promisify(execFile);

/** epubcheck's counts and its full report. */
export async function epubcheck(file: string): Promise<{ fatals: number; errors: number; warnings: number; report: string }> {
  const result = await run("java", ["-jar", "/usr/share/java/epubcheck.jar", file], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string; stderr: string }) => error);
  const report = `${result.stdout}\n${result.stderr}`;
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(report);
  if (!counts) throw new Error(`epubcheck gave no counts:\n${report}`);
  return { fatals: Number(counts[1]), errors: Number(counts[2]), warnings: Number(counts[3]), report };
}
