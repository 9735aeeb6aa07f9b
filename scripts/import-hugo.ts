/** `npm run import:hugo -- <hugo-site-dir>`: copies a Hugo site's posts and static images into this site. */
import { existsSync } from "node:fs";
import path from "node:path";
import { formatImport, importHugo, ImportSourceError } from "../lib/hugo/import.ts";
import { EXIT, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";

const USAGE = `usage: npm run import:hugo -- <hugo-site-dir>

Copies content/posts of a Hugo site (single files, .en.md translations, page bundles with
their images) into posts/, and the images under static/ into assets/, rewriting /images/...
references to /assets/images/.... Front matter (Hugo and PaperMod keys, YAML or TOML) and the
figure, ref, relref and highlight shortcodes are kept: wenji reads them. Never overwrites an
existing file. Reports what it converted and what needs attention.

  -h, --help   this text

Exit status: 0 imported cleanly, 1 something needs attention, 2 usage error.`;

const { positionals } = parseCommand(USAGE, {});

await runCommand(USAGE, async () => {
  if (positionals.length !== 1) throw new UsageError("give exactly one folder: the Hugo site to import");
  const hugoDir = path.resolve(positionals[0]);
  if (!existsSync(hugoDir)) throw new UsageError(`${positionals[0]}: no such folder`);
  try {
    const report = await importHugo(process.cwd(), hugoDir);
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
