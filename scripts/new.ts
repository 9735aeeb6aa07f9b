/**
 * `npm run new -- "标题" [--lang en] [--slug name] [--bundle]` creates a draft essay;
 * `npm run new -- --translate <key> --lang en ["Title"]` creates its translation beside it.
 */
import { createEssay, ScaffoldRefusal, ScaffoldUsageError } from "../lib/scaffold/index.ts";
import { EXIT, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";
import { FileWriteError } from "../lib/files.ts";

const USAGE = `usage: npm run new -- "Title" [--lang LANG] [--slug SLUG] [--bundle]
       npm run new -- --translate KEY --lang LANG ["Title"] [--slug SLUG]

Creates a draft essay under posts/ with its date set to now in the site's time zone.
A Chinese title gets an ASCII slug spelled in pinyin unless --slug is given.

  --lang LANG        language of the essay (default: the site's default language)
  --slug SLUG        the essay's URL name: lower-case ASCII letters, digits, hyphens
  --bundle           create a page bundle (posts/SLUG/index.md) to keep images beside it
  --translate KEY    create the LANG translation of the essay with this translation key
                     (or slug, or file), next to it, with the same key and tags
  -h, --help         this text

Never overwrites a file. Exit status: 0 created, 1 refused, 2 usage error.`;

const { values, positionals } = parseCommand(USAGE, {
  lang: { type: "string" },
  slug: { type: "string" },
  bundle: { type: "boolean" },
  translate: { type: "string" },
});

await runCommand(USAGE, async () => {
  if (positionals.length > 1) throw new UsageError(`one title expected, got ${positionals.length} arguments (quote a title with spaces)`);
  if (values.translate !== undefined && !values.lang) throw new UsageError("--translate needs --lang, the language of the translation");
  if (values.translate !== undefined && values.bundle) throw new UsageError("--bundle does not apply to --translate: a translation goes where its original is");
  try {
    const created = await createEssay(process.cwd(), { title: positionals[0], lang: values.lang, slug: values.slug, bundle: values.bundle, translate: values.translate });
    console.log(`created ${created.file} (draft: true)`);
    for (const note of created.notes) console.log(`note: ${note}`);
    return EXIT.clean;
  } catch (error) {
    if (error instanceof ScaffoldUsageError) throw new UsageError(error.message);
    if (error instanceof ScaffoldRefusal) {
      console.error(`refused: ${error.message}`);
      return EXIT.problems;
    }
    if (error instanceof FileWriteError) {
      console.error(`error: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
});
