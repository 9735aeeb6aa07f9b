/**
 * proper-noun-case — dictionary spelling of proper nouns in prose: `github` → `GitHub`,
 * `nodejs` → `Node.js` (house style A11). Only whole words: never inside URLs, domains, paths
 * or file names (`github.com`, `.github/workflows`), and code is not prose at all.
 * Option `words`: extra canonical spellings, or `{ "Canonical": ["alias", ...] }`.
 * Only a change of case is fixed (`github` → `GitHub`); an alias is another spelling, maybe
 * another product (`WiFi`, `nodejs`), so it is reported, never rewritten. Link text that names
 * its own URL (`[wifi](https://www.npmjs.com/package/wifi)`) is the package's name: left alone.
 * A name its owner writes with Han and Latin unspaced (`豆瓣FM`) goes in `words`; the spacing
 * rules leave dictionary words as they are.
 */
import type { Link, LinkReference } from 'mdast'
import { defineRule, matches, replaceFlat } from '../rule.ts'

export const DEFAULT_PROPER_NOUNS: Record<string, string[]> = {
  GitHub: [],
  GitLab: [],
  JavaScript: [],
  TypeScript: [],
  iOS: [],
  macOS: [],
  iPhone: [],
  'Node.js': ['nodejs', 'node.js', 'NodeJS'],
  'Wi-Fi': ['wifi', 'WiFi', 'wi-fi'],
  Markdown: [],
  API: [],
  YouTube: [],
}

interface ProperNounOptions {
  words: string[] | Record<string, string[]>
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const cache = new Map<string, { pattern: RegExp; canonical: Map<string, string> }>()

function dictionary(extra: ProperNounOptions['words']) {
  const key = JSON.stringify(extra)
  let entry = cache.get(key)
  if (!entry) {
    const words: Record<string, string[]> = { ...DEFAULT_PROPER_NOUNS }
    if (Array.isArray(extra)) for (const word of extra) words[word] = words[word] ?? []
    else Object.assign(words, extra)
    const canonical = new Map<string, string>()
    for (const [word, aliases] of Object.entries(words)) {
      for (const spelling of [word, ...aliases]) canonical.set(spelling.toLowerCase(), word)
    }
    const alternatives = [...canonical.keys()].sort((a, b) => b.length - a.length).map(escape)
    // Not part of a longer word, a path, a domain, a handle or a file name.
    const pattern = new RegExp(`(?<![\\w./@\\\\-])(?:${alternatives.join('|')})(?![\\w/@\\\\-]|\\.\\w)`, 'gi')
    entry = { pattern, canonical }
    cache.set(key, entry)
  }
  return entry
}

/** Link text that is its own URL's host or package name, such as `[wifi](…/package/wifi)`. */
function namesItsLink(links: Array<Link | LinkReference>, start: number, word: string): boolean {
  const link = links.find((node) => node.type === 'link' && node.position!.start.offset! <= start && start < node.position!.end.offset!)
  return !!link && link.type === 'link' && link.url.toLowerCase().includes(word.toLowerCase())
}

/** A lower-case word set off alone in `**…**` or `_…_` is a keyword being named (`**markdown** .md`). */
function isKeywordLabel(source: string, start: number, end: number, word: string): boolean {
  const mark = source[start - 1]
  return word === word.toLowerCase() && (mark === '*' || mark === '_') && source[end] === mark
}

export default defineRule<ProperNounOptions>({
  id: 'proper-noun-case',
  description: 'Dictionary spelling of proper nouns in prose.',
  fixable: true,
  severity: 'error',
  defaults: { words: [] },
  examples: [
    { input: '在 GitHub 上用 TypeScript 写 Node.js 服务，连上 Wi-Fi。' },
    { input: '访问 github.com，打开 .github/workflows，运行 npm 和 `github` 命令。' },
    { input: '链接 [主页](https://github.com/nodejs)，图片 ![github](https://example.com/github.png)。' },
    {
      input: '用github和nodejs',
      messages: ['1:2-1:8: Write `GitHub`, not `github`', '1:9-1:15: Write `Node.js`, not `nodejs`'],
      output: '用GitHub和nodejs',
    },
    { input: '苹果的 ios 系统', messages: ['1:5-1:8: Write `iOS`, not `ios`'], output: '苹果的 iOS 系统' },
    { input: '## DTrace 错误（Mac OS X）\n\n用 [wifi](https://www.npmjs.com/package/wifi) 这个包扫描网络。' },
    { input: '支持这些类型：\n\n- **markdown** `.md`\n- **iframe** `.html`' },
    { input: '连上 WiFi 或 wifi', messages: ['1:4-1:8: Write `Wi-Fi`, not `WiFi`', '1:11-1:15: Write `Wi-Fi`, not `wifi`'] },
    { input: '用 wechat 聊天', config: { words: ['WeChat'] }, messages: ['1:3-1:9: Write `WeChat`, not `wechat`'], output: '用 WeChat 聊天' },
  ],
  check(context) {
    const { pattern, canonical } = dictionary(context.options.words)
    for (const block of context.index.blocks) {
      for (const match of matches(pattern, block.text)) {
        const word = canonical.get(match[0].toLowerCase())!
        const to = match.index + match[0].length
        const [start, end] = [block.starts[match.index], block.ends[to - 1]]
        if (word === match[0] || namesItsLink(context.index.links, start, match[0])) continue
        if (isKeywordLabel(context.index.source, start, end, match[0])) continue
        const caseOnly = word.toLowerCase() === match[0].toLowerCase()
        context.reportFlat(block, match.index, to, `Write \`${word}\`, not \`${match[0]}\``, caseOnly ? replaceFlat(block, match.index, to, word) : undefined)
      }
    }
  },
})
