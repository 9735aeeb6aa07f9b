/** `npm run translations`: which essays exist in which languages, and which translations are stale. */
import { formatTranslations, staleCount, translationReport } from "../lib/translations/index.ts";
import { EXIT, formatOption, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";

const USAGE = `usage: npm run translations [-- --format text|json]

Lists every essay (by translation key) with its status in each language of the site:
  original   the version the others translate (the default language's, when there is one)
  current    a translation made after the original last changed
  stale      the original's lastmod, or its file (git history, else modification time),
             changed after the translation's
  missing    no version in that language yet

  --format json   { languages, groups: [{translationKey, title, versions, missing}], skipped }
  -h, --help      this text

Exit status: 0 no stale translation, 1 some translation is stale (missing ones are only listed), 2 usage error.`;

const { values, positionals } = parseCommand(USAGE, { format: { type: "string" } });

await runCommand(USAGE, async () => {
  const format = formatOption(values.format);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const report = await translationReport(process.cwd());
  if (format === "json") console.log(JSON.stringify(report, null, 2));
  else console.log(formatTranslations(report).join("\n"));
  return staleCount(report) ? EXIT.problems : EXIT.clean;
});
