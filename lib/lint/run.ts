/**
 * Linting or fixing a set of files, with the optional result cache. The linter itself is
 * loaded lazily: when every file is a cache hit it is never imported, which keeps re-runs fast.
 */
import { readFileSync, writeFileSync } from 'node:fs'
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
}

export interface RunResult {
  results: FileFindings[]
  /** I/O problems, each naming the file; the run goes on past them. */
  problems: string[]
}

export async function lintFiles(files: string[], options: RunOptions): Promise<RunResult> {
  const { cache } = options
  const results: FileFindings[] = []
  const problems: string[] = []
  let linter: Linter | undefined
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      problems.push(`cannot read ${file}: ${(error as Error).message}`)
      continue
    }
    const key = cache?.key(text)
    const cached = key ? cache!.get(key) : undefined
    // A cached result is enough unless there is something to fix.
    if (cached && !(options.fix && cached.some((f) => f.fix))) {
      results.push({ file, findings: cached })
      continue
    }
    linter ??= await options.loadLinter()
    const lintOptions = { filePath: file, config: linter.config }
    if (options.fix) {
      const fixed = linter.fixText(text, lintOptions)
      if (fixed.output !== text) {
        try {
          writeFileSync(file, fixed.output)
        } catch (error) {
          problems.push(`cannot write ${file}: ${(error as Error).message}`)
        }
      }
      // Say why a fixable finding is still there.
      const findings = fixed.findings.map((f) =>
        fixed.notApplied.includes(f) ? { ...f, message: `${f.message} (not fixed: the fix would change how the Markdown parses)`, fix: null } : f,
      )
      cache?.set(cache.key(fixed.output), findings)
      results.push({ file, findings })
    } else {
      const findings = linter.lintText(text, lintOptions)
      cache?.set(key!, findings)
      results.push({ file, findings })
    }
  }
  return { results, problems }
}
