/**
 * lint:zh — check Chinese typography in Markdown essays against the house style, and fix it.
 * Thin on purpose: parse arguments, call lib/lint, print, set the exit code.
 */
import { parseArgs } from 'node:util'
import { readFileSync, existsSync } from 'node:fs'
import { glob } from 'tinyglobby'
import { findConfig, type ConfigError } from '../lib/lint/config-file.ts'
import { LintCache, CACHE_DIR } from '../lib/lint/cache.ts'
import { formatHuman, formatJson, type FileFindings } from '../lib/lint/report.ts'
import { lintFiles } from '../lib/lint/run.ts'
import { decodeUtf8Strict, EncodingError, type DecodedText } from '../lib/files.ts'

const USAGE = `Usage: npm run lint:zh -- [options] [files or globs...]

Checks Chinese/English Markdown against the house typography style (default: posts/**/*.md).

Options:
  --fix            apply safe fixes in place (with --stdin: print the fixed document)
  --format json    print findings as a JSON array instead of the human listing
  --stdin          read one Markdown document from standard input
  --cache          reuse results for unchanged files (stored in ${CACHE_DIR}/)
  --config FILE    use this config file instead of the nearest .zh-typography.json
  -h, --help       show this help

Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage or I/O error.`

function fail(message: string): never {
  process.stderr.write(`lint:zh: ${message}\n`)
  process.exit(2)
}

const parseCommandLine = () =>
  parseArgs({
    allowPositionals: true,
    options: {
      fix: { type: 'boolean', default: false },
      format: { type: 'string', default: 'human' },
      stdin: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
let args: ReturnType<typeof parseCommandLine>
try {
  args = parseCommandLine()
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`)
}
const { values: options, positionals } = args
if (options.help) {
  process.stdout.write(USAGE + '\n')
  process.exit(0)
}
if (options.format !== 'human' && options.format !== 'json') fail(`unknown --format "${options.format}" (expected json)\n\n${USAGE}`)
if (options.stdin && positionals.length) fail('--stdin takes no file arguments')

let configSource: ReturnType<typeof findConfig>
try {
  configSource = findConfig(process.cwd(), options.config)
} catch (error) {
  fail((error as Error).message)
}

/** The linter is loaded only when some file actually needs linting: cached runs skip it. */
async function loadLinter() {
  const linter = await import('../lib/lint/index.ts')
  try {
    const config = configSource.path ? linter.parseConfig(configSource.value, configSource.path) : linter.defaultConfig
    return { ...linter, config }
  } catch (error) {
    fail((error as ConfigError).message)
  }
}

const print = (results: FileFindings[], stream: NodeJS.WriteStream, failed = 0) =>
  stream.write(options.format === 'json' ? formatJson(results) : formatHuman(results, failed))
const hasErrors = (results: FileFindings[]) => results.some((r) => r.findings.some((f) => f.severity === 'error'))

if (options.stdin) {
  let decoded: DecodedText
  try {
    decoded = decodeUtf8Strict(readFileSync(0), '<stdin>')
  } catch (error) {
    fail(error instanceof EncodingError ? error.message : `cannot read standard input: ${(error as Error).message}`)
  }
  const { text, bom } = decoded
  const linter = await loadLinter()
  if (options.fix) {
    const result = linter.fixText(text, { filePath: '<stdin>', config: linter.config })
    process.stdout.write((bom ? '\uFEFF' : '') + result.output)
    const remaining = [{ file: '<stdin>', findings: result.findings }]
    if (result.findings.length) print(remaining, process.stderr)
    process.exit(hasErrors(remaining) ? 1 : 0)
  }
  const results = [{ file: '<stdin>', findings: linter.lintText(text, { filePath: '<stdin>', config: linter.config }) }]
  print(results, process.stdout)
  process.exit(hasErrors(results) ? 1 : 0)
}

const inputs = positionals.length ? positionals : ['posts/**/*.md']
const problems: string[] = []
const files = new Set<string>()
for (const input of inputs) {
  if (existsSync(input) && !/[*?{[]/.test(input)) files.add(input)
  else {
    const matched = await glob(input, { ignore: ['**/node_modules/**'] })
    if (!matched.length && positionals.length) problems.push(`no files match "${input}"`)
    for (const file of matched) files.add(file)
  }
}

const cache = options.cache ? new LintCache(CACHE_DIR, configSource.text) : undefined
const run = await lintFiles([...files].sort(), { fix: options.fix, cache, loadLinter })
print(run.results, process.stdout, problems.length + run.problems.length)
for (const problem of [...problems, ...run.problems]) process.stderr.write(`lint:zh: ${problem}\n`)
process.exit(problems.length || run.problems.length ? 2 : hasErrors(run.results) ? 1 : 0)
