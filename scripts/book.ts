/**
 * `npm run book`: the essays as an EPUB 3 per language, `_book/<site>-<lang>.epub`, made from
 * the same model and caches as the site build.
 */
import path from "node:path";
import { EXIT, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";
import { makeBook } from "../lib/book/book.ts";
import { BookFilterError } from "../lib/book/select.ts";
import { loadBookModel } from "../lib/book/site.ts";
import { writeBookFile } from "../lib/book/write.ts";

const USAGE = `usage: npm run book [-- options]

Makes an EPUB 3 book of the essays per language: _book/<site>-<lang>.epub. The book holds
the essays the feeds would (published, without feed: false; drafts never), oldest first.

  --lang LANG          only this language (default: every language of the site)
  --tag NAME           only essays with this tag
  --category NAME      only essays in this category
  --series NAME        only essays of this series
  --since YYYY-MM-DD   only essays published on or after this day
  --until YYYY-MM-DD   only essays published on or before this day
  --order ORDER        oldest (default: book.order in _data/site.json), newest or pinned
  --vertical           Chinese books in vertical writing (竖排), whatever book.vertical says
  --horizontal         Chinese books in horizontal writing, whatever book.vertical says
  --out DIR            where to write the books (default: _book)
  -h, --help           this text

Exit status: 0 books written, 1 problems (named), 2 usage error.`;

const { values, positionals } = parseCommand(USAGE, {
  lang: { type: "string" },
  tag: { type: "string" },
  category: { type: "string" },
  series: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  order: { type: "string" },
  vertical: { type: "boolean" },
  horizontal: { type: "boolean" },
  out: { type: "string" },
});

function orderOption(value: string | undefined): "oldest" | "newest" | "pinned" | undefined {
  if (value === undefined || value === "oldest" || value === "newest" || value === "pinned") return value;
  throw new UsageError(`--order: "${value}" is not an order; expected oldest, newest or pinned`);
}

await runCommand(USAGE, async () => {
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.vertical && values.horizontal) throw new UsageError("--vertical and --horizontal: choose one");
  const order = orderOption(values.order);
  const root = process.cwd();
  const started = performance.now();
  const model = await loadBookModel({ root, offline: process.env.WENJI_OFFLINE === "1", log: (line) => console.log(`[wenji] ${line}`) });
  const langs = values.lang ? [values.lang] : model.settings.languages;
  const out = path.resolve(root, values.out ?? "_book");
  const vertical = values.vertical ? true : values.horizontal ? false : undefined;
  for (const lang of langs) {
    try {
      const filter = { tag: values.tag, category: values.category, series: values.series, since: values.since, until: values.until, order };
      const book = await makeBook(model, { root, lang, filter, vertical });
      const file = path.join(out, book.fileName);
      await writeBookFile(file, book.bytes);
      const kb = (book.bytes.length / 1024).toFixed(1);
      console.log(`[wenji] book: ${path.relative(root, file)}: ${book.essays.length} essays, ${book.images} images, ${kb} KB`);
    } catch (error) {
      if (error instanceof BookFilterError) throw new UsageError(error.message);
      throw error;
    }
  }
  console.log(`[wenji] books made in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return EXIT.clean;
});
