/**
 * `npm run check`: front matter, Hugo shortcodes, duplicates, links, headings, images and
 * typography of every essay, without building. Exit 0 when clean, 1 on problems, 2 on misuse.
 */
import { checkSite, formatCheck, summaryLine } from "../lib/check/index.ts";
import { EXIT, formatOption, parseCommand, runCommand, UsageError } from "../lib/cli/args.ts";
import { typographyLint } from "../lib/check/typography.ts";

const USAGE = `usage: npm run check [-- --format text|json]

Checks every essay under posts/ without building: front-matter errors and warnings, Hugo
shortcodes, duplicate slugs and translation keys, links to essays, tags and headings that do
not exist, missing local images, images without alt text, and Chinese typography.

  --format json   one JSON object: { files, findings: [{file, line, column, severity, rule, message}], summary }
  -h, --help      this text

Exit status: 0 no problems, 1 problems found, 2 usage error.`;

const { values, positionals } = parseCommand(USAGE, { format: { type: "string" } });

await runCommand(USAGE, async () => {
  const format = formatOption(values.format);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (check looks at every essay under posts/)`);
  const root = process.cwd();
  const result = await checkSite(root, { lint: await typographyLint(root) });
  if (format === "json") console.log(JSON.stringify({ files: result.files.length, findings: result.findings, summary: summaryLine(result) }, null, 2));
  else console.log(formatCheck(result).join("\n"));
  return result.findings.length ? EXIT.problems : EXIT.clean;
});
