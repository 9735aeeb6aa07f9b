/**
 * lint:zh and the user's files: a failed write leaves the file as it was and the run fails
 * loudly; a file that is not UTF-8 is never rewritten; a BOM is kept; code inside shortcodes
 * stays code. The full disk is a real 64 KiB tmpfs where mounting is allowed (root), and a
 * stubbed write that fails with ENOSPC otherwise.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FileWriteError } from '../../lib/files.ts'
import { lintFiles } from '../../lib/lint/run.ts'
import { lintText, fixText, defaultConfig } from '../../lib/lint/index.ts'

const script = fileURLToPath(new URL('../../scripts/lint-zh.ts', import.meta.url))
const tsx = import.meta.resolve('tsx')

function lintZh(args: string[], options: { input?: string | Buffer; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', tsx, script, ...args], { input: options.input, cwd: options.cwd })
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8'), raw: result.stdout }
}

/** An essay of about `bytes` bytes with something to fix in every paragraph. */
function essay(bytes: number): string {
  const paragraphs: string[] = ['# 随笔', '']
  for (let i = 0; paragraphs.join('\n').length * 2.5 < bytes; i++) paragraphs.push(`第${i}段用React写,效果很好.`, '')
  paragraphs.push('最后一段，写完了。', '')
  return paragraphs.join('\n')
}

function tryMountTmpfs(dir: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0
}

describe('lint:zh --fix on a full disk', () => {
  let dir: string
  let mounted = false
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-full-'))
    mounted = tryMountTmpfs(dir)
  })
  after(() => {
    if (mounted) spawnSync('umount', [dir])
    rmSync(dir, { recursive: true, force: true })
  })

  it('exits 2 naming the file, leaves it byte-identical and never says "No problems"', async () => {
    const text = essay(40_000)
    const file = join(dir, 'essay.md')
    writeFileSync(file, text)
    const before = readFileSync(file)
    if (mounted) {
      const run = lintZh(['--fix', 'essay.md'], { cwd: dir })
      assert.equal(run.status, 2, run.stderr)
      assert.match(run.stderr, /essay\.md: could not be written \(ENOSPC\); the file is unchanged/)
      assert.doesNotMatch(run.stdout, /No problems/)
      assert.match(run.stdout, /1 file could not be checked or written/)
    } else {
      // No mount here: the same path through lintFiles, with the write failing as a full disk does.
      const failing = (target: string) => {
        throw new FileWriteError(target, 'ENOSPC')
      }
      const run = await lintFiles([file], { fix: true, loadLinter: async () => ({ lintText, fixText, config: defaultConfig }), write: failing })
      assert.deepEqual(run.problems, [`${file}: could not be written (ENOSPC); the file is unchanged`])
      assert.deepEqual(run.results, [])
    }
    assert.deepEqual(readFileSync(file), before)
    assert.deepEqual(readdirSync(dir), ['essay.md'], 'no temporary file is left behind')
  })
})

describe('lint:zh and encodings', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-enc-'))
    mkdirSync(join(dir, 'posts'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a GBK file with its name, byte offset and the word GBK, and --fix leaves it alone', () => {
    // "# 标题\n\n中文English,好" with the Chinese in GBK.
    const gbk = Buffer.concat([Buffer.from('# '), Buffer.from([0xb1, 0xea, 0xcc, 0xe2]), Buffer.from('\n\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('English,'), Buffer.from([0xba, 0xc3, 0x0a])])
    const file = join(dir, 'posts', 'gbk.md')
    writeFileSync(file, gbk)
    const run = lintZh(['--fix', 'posts/gbk.md'], { cwd: dir })
    assert.equal(run.status, 2)
    assert.match(run.stderr, /posts\/gbk\.md: not valid UTF-8 at byte 2 \(it looks GBK-encoded/)
    assert.doesNotMatch(run.stdout, /No problems/)
    assert.deepEqual(readFileSync(file), gbk)
    const stdin = lintZh(['--stdin', '--fix'], { input: gbk })
    assert.equal(stdin.status, 2)
    assert.match(stdin.stderr, /<stdin>: not valid UTF-8 at byte 2/)
    assert.equal(stdin.stdout, '')
  })

  it('with a BOM finds the same problems, the last one included, and --fix keeps the BOM', () => {
    const body = '# 标题\n\n你好,世界.\n'
    const file = join(dir, 'posts', 'bom.md')
    writeFileSync(file, '\uFEFF' + body)
    const lint = lintZh(['posts/bom.md'], { cwd: dir })
    assert.match(lint.stdout, /bom\.md:3:3 .*`，`/)
    assert.match(lint.stdout, /bom\.md:3:6 .*`。`/)
    assert.equal(lintZh(['--fix', 'posts/bom.md'], { cwd: dir }).status, 0)
    assert.equal(readFileSync(file, 'utf8'), '\uFEFF# 标题\n\n你好，世界。\n')
    const stdin = lintZh(['--stdin', '--fix'], { input: '\uFEFF' + body })
    assert.deepEqual(stdin.raw, Buffer.from('\uFEFF# 标题\n\n你好，世界。\n'))
  })
})

describe('code inside shortcodes', () => {
  for (const [open, close] of [
    ['{{< highlight python >}}', '{{< /highlight >}}'],
    ['{{% highlight python %}}', '{{% /highlight %}}'],
    ['{% highlight python %}', '{% endhighlight %}'],
    ['{% codeblock lang:python %}', '{% endcodeblock %}'],
  ]) {
    it(`${open} … ${close} is code to the linter and to --fix`, () => {
      const text = `说明,如下\n\n${open}\nprint("中文English,逗号(括号)")\n\n# 注释English\n${close}\n`
      assert.deepEqual(
        lintText(text).map((f) => `${f.line}:${f.column} ${f.ruleId}`),
        ['1:3 fullwidth-punct'],
      )
      assert.equal(fixText(text).output, text.replace('说明,如下', '说明，如下'))
    })
  }
})
