/** Output formats of `lint:zh`: the human listing with a summary, and the JSON array tools read. */
import type { Finding } from './index.ts'

export interface FileFindings {
  file: string
  findings: Finding[]
}

/** `failed`: files that could not be read, decoded or written; the summary never calls the run clean then. */
export function formatHuman(results: FileFindings[], failed = 0): string {
  const lines: string[] = []
  let errors = 0
  let warnings = 0
  let fixable = 0
  let files = 0
  for (const { file, findings } of results) {
    if (findings.length) files++
    for (const f of findings) {
      lines.push(`${file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`)
      if (f.severity === 'error') errors++
      else warnings++
      if (f.fix) fixable++
    }
  }
  const total = errors + warnings
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (failed) {
    lines.push(`${plural(failed, 'file')} could not be checked or written (see the errors); ${plural(total, 'problem')} in the others.`)
    return lines.join('\n') + '\n'
  }
  lines.push(
    total
      ? `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${files} of ${plural(results.length, 'file')}` +
          (fixable ? `; ${fixable} fixable with --fix` : '')
      : `No problems in ${plural(results.length, 'file')}.`,
  )
  return lines.join('\n') + '\n'
}

export function formatJson(results: FileFindings[]): string {
  const rows = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      fix: f.fix,
    })),
  )
  return JSON.stringify(rows, null, 2) + '\n'
}
