/**
 * The benchmark's corpus: mixed Chinese Markdown essays, mostly in the house style with a
 * realistic sprinkling of mistakes. Deterministic for a seed, so runs compare.
 */

const TARGET_CHARS = 1_000_000

/** mulberry32: small, seeded, good enough to make the same corpus every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Token = { text: string; kind: 'han' | 'word' | 'mark' }

/** About 2 MB (UTF-8) of essays, split into `count` files with front matter each. */
export function generateCorpus(seed: number, count: number): string[] {
  const next = random(seed)
  const chance = (p: number) => next() < p
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const han = ['我们', '今天', '写作', '面包', '时间', '经验', '城市', '早晨', '读者', '文章', '发酵', '手艺', '耐心', '配方', '窗外', '记录', '的', '了', '在', '是']
  const words = ['React', 'GitHub', 'Node.js', 'API', 'TypeScript', 'Markdown', 'C++', 'npm', 'iOS', 'Wi-Fi', '3.14', '10:30', '2023', '64 GB', '100+', '5G', '1080p', '15%']
  const typos = ['github', 'Github', '64GB', 'nodejs']
  const marks = ['，', '，', '，', '。', '、', '：', '；', '？', '！', '……', '——']
  const badMarks = [',', '.', '...', '!!', '--', ' ，']

  const token = (): Token => {
    const r = next()
    if (r < 0.72) return { text: pick(han), kind: 'han' }
    if (r < 0.8) return { text: chance(0.95) ? pick(words) : pick(typos), kind: 'word' }
    if (r < 0.82) return { text: `\`${pick(words)}\``, kind: 'word' }
    if (r < 0.83) return { text: `[${pick(han)}${pick(han)}](https://example.com/${pick(['a', 'b', 'c'])}/)`, kind: 'han' }
    if (r < 0.84) return { text: `**${pick(han)}${pick(han)}**`, kind: 'han' }
    if (r < 0.845) return { text: `“${pick(han)}${pick(han)}”`, kind: 'han' }
    return { text: chance(0.96) ? pick(marks) : pick(badMarks), kind: 'mark' }
  }
  const sentence = () => {
    const tokens: Token[] = [{ text: pick(han), kind: 'han' }]
    const length = 20 + Math.floor(next() * 50)
    for (let i = 0; i < length; i++) {
      const t = token()
      const previous = tokens[tokens.length - 1]
      if (t.kind === 'mark' && previous.kind === 'mark') continue
      // The house style puts a space between Han and a word; writers forget it now and then.
      const mixed = (t.kind === 'word' && previous.kind !== 'mark') || (previous.kind === 'word' && t.kind !== 'mark')
      tokens.push({ text: (mixed && chance(0.95) ? ' ' : '') + t.text, kind: t.kind })
    }
    const text = tokens.map((t) => t.text).join('')
    return tokens[tokens.length - 1].kind === 'mark' ? text : text + '。'
  }
  const block = () => {
    const r = next()
    if (r < 0.75) return sentence()
    if (r < 0.8) return `## ${pick(han)}${pick(han)}${pick(han)}`
    if (r < 0.88) return `- ${sentence()}\n- ${sentence()}`
    if (r < 0.94) return `> ${sentence()}`
    return '```js\nconst text = "中文English,混排"\nconsole.log(text)\n```'
  }

  const files: string[] = []
  const perFile = TARGET_CHARS / count
  for (let f = 0; f < count; f++) {
    const blocks = [`---\ntitle: "第 ${f} 篇"\ndate: 2024-01-01\ntags: ["生活"]\n---`]
    let size = blocks[0].length
    while (size < perFile) {
      const added = block()
      blocks.push(added)
      size += added.length + 2
    }
    files.push(blocks.join('\n\n') + '\n')
  }
  return files
}
