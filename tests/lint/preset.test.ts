/** The whole house-style preset on realistic text: traps, untouchable Markdown, positions, safety. */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { lintText, fixText, parseConfig } from '../../lib/lint/index.ts'

const essay = readFileSync(new URL('./fixtures/house-style-essay.md', import.meta.url), 'utf8')

describe('house style essay', () => {
  it('a carefully written essay produces zero findings', () => {
    assert.deepEqual(lintText(essay), [])
    assert.equal(fixText(essay).output, essay)
  })
})

// Section B's false-positive traps, each inside a sentence written in the house style.
const traps = [
  '圆周率约等于 3.14。',
  '会议在 10:30 开始。',
  '服务跑在 127.0.0.1:8080 上。',
  '请升级到 v2.0.0-beta.1 版本。',
  '有些缩写，e.g. 这种，要保留。',
  '我们用 Node.js 写后端。',
  '用 C++ 和 C# 写过游戏。',
  '已经写了 100+ 篇文章。',
  '气温降到 -20 度。',
  '这是一个氧化-还原反应。',
  '详见图 1-1 的说明。',
  '手机支持 5G 网络。',
  '视频是 1080p 的。',
  '配置放在 .github/ 目录下。',
  '代码托管在 github.com 上。',
  '先用 npm 安装依赖。',
  '他只说了一句 Please wait... 就走了。',
  '返回上级用 ../config 路径。',
  '记得 @user 一下作者。',
  '有问题请写信到 someone@example.com 告诉我。',
  '今天心情不错 🎉，程序员 👩‍💻 也放假了。',
]

describe('false-positive traps (whole preset)', () => {
  for (const trap of traps) {
    it(`leaves ${JSON.stringify(trap)} alone`, () => {
      assert.deepEqual(lintText(trap), [])
      assert.equal(fixText(trap).output, trap)
    })
  }
})

describe('never touched', () => {
  const untouchable = [
    '---\ntitle: "中文English标题,好"\ntags: [a,b]\n---\n\n正文。\n',
    '+++\ntitle = "中文English"\n+++\n\n正文。\n',
    '```js\nconst s = "中文English,好"  // 注释...\n```\n',
    '    缩进代码English中文...\n',
    '<div>中文English,好</div>\n',
    '正文 <!-- 注释English中文 --> 结束。\n',
    '[link]: https://example.com/中文English "标题English中文"\n',
    '链接 <https://example.com/a,b> 和 https://example.com/指南 页面。\n',
    '他在 {{ page.title }} 里写了 {% if "中文" %}内容{% endif %}，还有 {{< figure src="a.png" >}} 短代码。\n',
    '转义 \\- 和 \\* 以及 &amp; 实体都在。\n',
    '第一行有硬换行  \n第二行。\n',
    '| 名称 | 值 |\n| :--- | ---: |\n| 甲   | 1  |\n',
    '正文有脚注[^note]。\n\n[^note]: 脚注里也遵守规范。\n',
  ]
  for (const doc of untouchable) {
    it(`keeps ${JSON.stringify(doc.slice(0, 30))}… byte-identical`, () => {
      assert.equal(fixText(doc).output, doc)
    })
  }

  it('fixes prose next to front matter and code without touching them', () => {
    const doc = '---\ntitle: "中文English"\n---\n\n正文English混排\n\n```\n中文English\n```\n'
    assert.equal(fixText(doc).output, '---\ntitle: "中文English"\n---\n\n正文 English 混排\n\n```\n中文English\n```\n')
  })

  it('keeps escapes when fixing text around them', () => {
    assert.equal(fixText('使用m\\-dots方法').output, '使用 m\\-dots 方法')
  })

  it('does not fix inside template tags', () => {
    const doc = '标题是{{ page.title }}吗?\n'
    assert.equal(fixText(doc).output, '标题是{{ page.title }}吗？\n')
  })
})

describe('positions', () => {
  it('are exact inside blockquotes, lists and after escapes', () => {
    const doc = '> 引用\n> 第二行Text\n\n- 列表\n  续行A字\n\n\\*星号\\*后面English字\n'
    const found = lintText(doc).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`)
    assert.deepEqual(found, [
      '2:5-2:7 space-cjk-latin',
      '5:4-5:6 space-cjk-latin',
      '5:5-5:7 space-cjk-latin',
      '7:8-7:10 space-cjk-latin',
      '7:15-7:17 space-cjk-latin',
    ])
  })

  it('counts UTF-16 columns after astral characters', () => {
    const [finding] = lintText('𠀀🎉汉字English')
    assert.equal(finding.column, 6)
  })
})

describe('fixing', () => {
  it('spaces go outside emphasis, strike-through and links', () => {
    assert.equal(
      fixText('这是**Bold加粗**效果，~~删除Text~~和[GitHub](https://github.com)获取').output,
      '这是 **Bold 加粗**效果，~~删除 Text~~ 和 [GitHub](https://github.com) 获取',
    )
  })

  it('withholds a fix that would change how the Markdown parses, and reports it', () => {
    const doc = '中文 **“引用”** 后面'
    const result = fixText(doc)
    assert.equal(result.output, doc)
    assert.deepEqual(
      result.notApplied.map((f) => f.ruleId),
      ['no-space-fullwidth-punct', 'no-space-fullwidth-punct'],
    )
  })

  it('never applies detect-only findings', () => {
    const doc = '说：”不同意“，已 经，我们用 Google, Facebook, 腾讯。'
    const result = fixText(doc)
    assert.ok(result.findings.some((f) => f.ruleId === 'mismatched-pairs'))
    assert.ok(result.findings.filter((f) => f.fix === null).length >= 3)
    assert.match(result.output, /”不同意“/)
    assert.match(result.output, /已 经/)
  })

  it('a space between Han characters only warns, though its rule is an error', () => {
    assert.deepEqual(lintText('已 经').map((f) => [f.ruleId, f.severity]), [['no-redundant-space', 'warning']])
  })

  it('chains rules across rounds without collisions', () => {
    assert.equal(fixText('时间过去了...真的!!!  好吧,共１０００元').output, '时间过去了……真的！好吧，共 1000 元')
  })

  it('is idempotent on a messy document', () => {
    const messy = '# 标题：\n\n用React开发(前端)的"经验"--虽然Github很好,但是...\n\n* 列表`code`项 ， 64GB内存\n'
    const once = fixText(messy).output
    assert.equal(fixText(once).output, once)
    assert.equal(once, '# 标题\n\n用 React 开发（前端）的“经验”——虽然 GitHub 很好，但是……\n\n* 列表 `code` 项，64 GB 内存\n')
  })
})

describe('inline control comments', () => {
  it('disable and enable rules by id', () => {
    const doc = '<!-- lint disable space-cjk-latin -->\n\n中文English\n\n<!-- lint enable space-cjk-latin -->\n\n中文English\n'
    assert.deepEqual(lintText(doc).map((f) => f.line), [7])
  })

  it('ignore the next block', () => {
    const doc = '<!-- lint ignore -->\n\n中文English,好\n\n中文English\n'
    assert.deepEqual(lintText(doc).map((f) => f.line), [5])
  })
})

describe('configuration', () => {
  it('turns rules off, sets severity and extends the dictionary', () => {
    const config = parseConfig(
      { rules: { 'space-cjk-latin': 'off', 'fullwidth-punct': 'warn' }, properNouns: ['WeChat'] },
      'test',
    )
    const found = lintText('用wechat聊天,好', { config })
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.severity]),
      [
        ['proper-noun-case', 'error'],
        ['fullwidth-punct', 'warning'],
      ],
    )
  })

  it('chooses corner quotes', () => {
    const config = parseConfig({ quotes: '「」' }, 'test')
    assert.equal(fixText('他说"好"，她说“行”。', { config }).output, '他说「好」，她说“行”。')
    assert.ok(lintText('她说“行”。', { config }).some((f) => f.ruleId === 'quote-style' && f.fix === null))
  })

  it('rejects unknown rules and bad values with every problem named', () => {
    assert.throws(
      () => parseConfig({ rules: { 'no-such-rule': 'error', 'dash': 'loud' } }, 'x.json'),
      (error: Error) => /x\.json/.test(error.message) && /no-such-rule/.test(error.message) && /rules\.dash/.test(error.message),
    )
  })
})

describe('as a plain remark-lint preset', () => {
  it('works in a unified pipeline the way remark-cli loads it', async () => {
    const { unified } = await import('unified')
    const { default: remarkParse } = await import('remark-parse')
    const { default: houseStyle } = await import('../../lib/lint/preset.ts')
    const { VFile } = await import('vfile')
    const processor = unified().use(remarkParse).use(houseStyle)
    const file = new VFile({ value: '---\ntitle: 中文English\n---\n\n{{ page.title }}和中文English\n', path: 'a.md' })
    await processor.run(processor.parse(file), file)
    assert.deepEqual(
      file.messages.map((m) => [m.source, m.ruleId, m.line, m.column, m.fatal]),
      [['zh-typography', 'space-cjk-latin', 5, 19, true]],
    )
  })
})
