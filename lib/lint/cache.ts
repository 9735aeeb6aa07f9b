/**
 * Per-file lint results under `.cache/lint-zh/`, keyed by the file's content, the raw config
 * text and the linter version: an unchanged file is never parsed again. Light on imports on
 * purpose, so a fully cached run does not even load the linter.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LINTER_VERSION } from './version.ts'
import type { Finding } from './index.ts'

export const CACHE_DIR = '.cache/lint-zh'

export class LintCache {
  private readonly configHash: string

  constructor(
    private readonly dir: string,
    configText: string,
  ) {
    this.configHash = createHash('sha256').update(LINTER_VERSION).update('\0').update(configText).digest('hex')
  }

  key(content: string): string {
    return createHash('sha256').update(this.configHash).update(content).digest('hex')
  }

  get(key: string): Finding[] | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, key + '.json'), 'utf8')) as Finding[]
    } catch {
      return undefined // a missing or unreadable entry is just a miss
    }
  }

  set(key: string, findings: Finding[]): void {
    mkdirSync(this.dir, { recursive: true })
    writeFileSync(join(this.dir, key + '.json'), JSON.stringify(findings))
  }
}
