/** The lint:zh command as other tools drive it: stdin, JSON, fixing files, exit codes, cache. */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../../scripts/lint-zh.ts', import.meta.url))
const tsx = import.meta.resolve('tsx')

function lintZh(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', tsx, script, ...args], {
    input: options.input,
    cwd: options.cwd,
    encoding: 'utf8',
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('lint:zh', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-zh-'))
    mkdirSync(join(dir, 'posts'))
    writeFileSync(join(dir, 'posts', 'bad.md'), '# 标题：\n\n用React开发,很好\n')
    writeFileSync(join(dir, 'posts', 'good.md'), '用 React 开发，很好。\n')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('--stdin --fix writes the fixed document to stdout', () => {
    const run = lintZh(['--stdin', '--fix'], { input: '中文English,好\n' })
    assert.equal(run.stdout, '中文 English，好\n')
    assert.equal(run.status, 0)
  })

  it('--stdin --format json prints the findings array', () => {
    const run = lintZh(['--stdin', '--format', 'json'], { input: '中文English\n' })
    assert.equal(run.status, 1)
    assert.deepEqual(JSON.parse(run.stdout), [
      {
        file: '<stdin>',
        line: 1,
        column: 2,
        endLine: 1,
        endColumn: 4,
        ruleId: 'space-cjk-latin',
        severity: 'error',
        message: 'Missing space between Han and Latin',
        fix: [{ start: 2, end: 2, text: ' ' }],
      },
    ])
  })

  it('lists findings by position with a summary, default posts/**/*.md, exit 1', () => {
    const run = lintZh([], { cwd: dir })
    assert.equal(run.status, 1)
    assert.equal(
      run.stdout,
      [
        'posts/bad.md:1:5  error  Heading ends with `：`  heading-trailing-punct',
        'posts/bad.md:3:1  error  Missing space between Han and Latin  space-cjk-latin',
        'posts/bad.md:3:6  error  Missing space between Han and Latin  space-cjk-latin',
        'posts/bad.md:3:9  error  Use full-width `，` instead of `,` in Chinese text  fullwidth-punct',
        '4 problems (4 errors, 0 warnings) in 1 of 2 files; 4 fixable with --fix',
        '',
      ].join('\n'),
    )
  })

  it('--cache stores results and a re-run gives the same answer; --fix then cleans the file', () => {
    const first = lintZh(['--cache'], { cwd: dir })
    assert.ok(readdirSync(join(dir, '.cache', 'lint-zh')).length === 2)
    assert.deepEqual(lintZh(['--cache'], { cwd: dir }), first)
    const fixed = lintZh(['--fix', '--cache', 'posts/bad.md'], { cwd: dir })
    assert.equal(fixed.status, 0)
    assert.equal(readFileSync(join(dir, 'posts', 'bad.md'), 'utf8'), '# 标题\n\n用 React 开发，很好\n')
  })

  it('exits 2 on usage errors, missing files and bad config', () => {
    assert.equal(lintZh(['--nope']).status, 2)
    assert.equal(lintZh(['--format', 'xml', '--stdin'], { input: '' }).status, 2)
    const missing = lintZh(['posts/missing.md'], { cwd: dir })
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /no files match "posts\/missing\.md"/)
    writeFileSync(join(dir, 'bad-config.json'), '{"rules":{"no-such-rule":"off"}}')
    const config = lintZh(['--config', 'bad-config.json'], { cwd: dir })
    assert.equal(config.status, 2)
    assert.match(config.stderr, /rules\.no-such-rule: unknown rule/)
  })

  it('--help explains the options', () => {
    const run = lintZh(['--help'])
    assert.equal(run.status, 0)
    assert.match(run.stdout, /--stdin/)
  })
})
