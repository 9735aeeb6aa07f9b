/**
 * bench:lint's measurements on real prose: `--fix` against lint over the corpus of
 * tests/fixtures/lint-corpus (CPU time, the least of several interleaved rounds, since other
 * processes on a shared machine only ever add time), and the CPU start-up of `lint:zh --stdin`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { lintText, fixText } from '../lib/lint/index.ts'

export const FIX_RATIO_TARGET = 1.5
const ROUNDS = 5
const corpusDir = fileURLToPath(new URL('../tests/fixtures/lint-corpus/', import.meta.url))

function corpus(): string[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(corpusDir, dir.name)).map((name) => join(corpusDir, dir.name, name)))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => readFileSync(file, 'utf8'))
}

function cpuSeconds(run: () => void): number {
  const start = process.cpuUsage()
  run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

export function realProseFixRatio(): { lint: number; fix: number; ratio: number; megabytes: number } {
  const texts = corpus()
  for (const text of texts) fixText(text) // warm up
  let lint = Infinity
  let fix = Infinity
  for (let round = 0; round < ROUNDS; round++) {
    lint = Math.min(lint, cpuSeconds(() => texts.forEach((text) => lintText(text))))
    fix = Math.min(fix, cpuSeconds(() => texts.forEach((text) => fixText(text))))
  }
  const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6
  return { lint, fix, ratio: fix / lint, megabytes }
}

/** Median CPU seconds (user + system, by /usr/bin/time; wall clock where it is missing) of `lint:zh --stdin`. */
export function stdinStartup(): { tsx: number; compiled: number; runs: number; clock: string } {
  const runs = 5
  const hasTime = existsSync('/usr/bin/time')
  const script = fileURLToPath(new URL('./lint-zh.ts', import.meta.url))
  const launcher = fileURLToPath(new URL('./lint-zh.mjs', import.meta.url))
  const time = (args: string[]) => {
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const command = [process.execPath, ...args, '--stdin']
      const start = performance.now()
      const result = hasTime
        ? spawnSync('/usr/bin/time', ['-f', '%U %S', ...command], { input: '中文English\n', encoding: 'utf8' })
        : spawnSync(command[0], command.slice(1), { input: '中文English\n', encoding: 'utf8' })
      const wall = (performance.now() - start) / 1000
      const [user, system] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number)
      samples.push(hasTime ? user + system : wall)
    }
    return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]
  }
  const compiled = time([launcher]) // the first run builds the entry; the median is of warm runs
  return { tsx: time(['--import', 'tsx', script]), compiled, runs, clock: hasTime ? 'CPU' : 'wall clock' }
}
