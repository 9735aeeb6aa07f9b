/** `npm run import:hugo -- <hugo-site-dir>`: moves a Hugo site's settings, essays and images into this site. */
import { existsSync } from "node:fs";
import path from "node:path";
import { formatImport, importHugo, ImportSourceError } from "../lib/hugo/import.ts";
import { EXIT, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";

const USAGE = `usage: npm run import:hugo -- [--keep-samples] <hugo-site-dir>

Moves a Hugo site into this one, in one step:
  - settings: hugo.toml/yaml/json (or config.*) and config/_default/ become _data/site.json
    (address, languages, author, paging, PaperMod's site-wide params such as ShowToc,
    permalinks, taxonomies, menus); each changed setting is listed;
  - essays: the posts sections of every language (content/posts, or each language's
    contentDir) go to posts/, with translations named x.en.md; an essay without a title or
    a date gets one (from its first heading or file name; from git or the file's time);
  - images: bundle files, images beside essays (Typora's image/ folders) and static/ images
    (into assets/, references rewritten);
  - wenji's own sample essays, still unchanged in posts/, are removed.
Never overwrites an essay or an image. Everything imported is then checked as
\`npm run check\` does, and what needs attention is listed and counted by kind.

  --keep-samples   leave wenji's sample essays in posts/
  -h, --help       this text

Exit status: 0 imported cleanly, 1 something needs attention, 2 usage error.`;

const { values, positionals } = parseCommand(USAGE, { "keep-samples": { type: "boolean" } });

await runCommand(USAGE, async () => {
  if (positionals.length !== 1) throw new UsageError("give exactly one folder: the Hugo site to import");
  const hugoDir = path.resolve(positionals[0]);
  if (!existsSync(hugoDir)) throw new UsageError(`${positionals[0]}: no such folder`);
  try {
    const report = await importHugo(process.cwd(), hugoDir, { keepSamples: values["keep-samples"] === true });
    console.log(formatImport(report).join("\n"));
    return report.attention.length ? EXIT.problems : EXIT.clean;
  } catch (error) {
    if (error instanceof ImportSourceError) {
      console.error(error.message);
      return EXIT.problems;
    }
    throw error;
  }
});
