/**
 * Linting or fixing a set of files, with the optional result cache. The linter itself is
 * loaded lazily: when every file is a cache hit it is never imported, which keeps re-runs fast.
 * Files are decoded strictly (a file that is not UTF-8 is a problem, never rewritten) and
 * written only through write-to-temp + rename, keeping a byte-order mark the file had.
 */
import { readFileSync } from 'node:fs'
import { decodeUtf8Strict, EncodingError, FileWriteError, writeFileAtomicSync } from '../files.ts'
import type { LintCache } from './cache.ts'
import type { Finding, LintOptions, FixResult } from './index.ts'
import type { FileFindings } from './report.ts'

export interface Linter {
  lintText(text: string, options: LintOptions): Finding[]
  fixText(text: string, options: LintOptions): FixResult
  config: NonNullable<LintOptions['config']>
}

export interface RunOptions {
  fix: boolean
  cache?: LintCache
  loadLinter: () => Promise<Linter>
  /** Replaces a file's content; tests stub it to simulate a full disk. */
  write?: (file: string, data: string) => void
}

export interface RunResult {
  results: FileFindings[]
  /** I/O and encoding problems, each naming the file; the run goes on past them. */
  problems: string[]
}

const BOM = '\uFEFF'

/** A file's text without its BOM, or the problem that stops it from being linted. */
function readText(file: string): { text: string; bom: boolean } | string {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    return `cannot read ${file}: ${(error as Error).message}`
  }
  try {
    return decodeUtf8Strict(bytes, file)
  } catch (error) {
    if (error instanceof EncodingError) return `${error.message}; not linted, not changed`
    throw error
  }
}

export async function lintFiles(files: string[], options: RunOptions): Promise<RunResult> {
  const { cache } = options
  const write = options.write ?? writeFileAtomicSync
  const results: FileFindings[] = []
  const problems: string[] = []
  let linter: Linter | undefined
  for (const file of files) {
    const read = readText(file)
    if (typeof read === 'string') {
      problems.push(read)
      continue
    }
    const { text, bom } = read
    const key = cache?.key(text)
    const cached = key ? cache!.get(key) : undefined
    // A cached result is enough unless there is something to fix.
    if (cached && !(options.fix && cached.some((f) => f.fix))) {
      results.push({ file, findings: cached })
      continue
    }
    linter ??= await options.loadLinter()
    const lintOptions = { filePath: file, config: linter.config }
    if (!options.fix) {
      const findings = linter.lintText(text, lintOptions)
      cache?.set(key!, findings)
      results.push({ file, findings })
      continue
    }
    const fixed = linter.fixText(text, lintOptions)
    if (fixed.output !== text) {
      try {
        write(file, (bom ? BOM : '') + fixed.output)
      } catch (error) {
        const reason = error instanceof FileWriteError ? error.message : `${file}: could not be written (${(error as Error).message})`
        problems.push(reason)
        continue
      }
    }
    cache?.set(cache.key(fixed.output), fixed.findings)
    results.push({ file, findings: fixed.findings })
  }
  return { results, problems }
}
