/**
 * enumeration-comma — items of a Chinese enumeration are separated by `、`:
 * `Google, Facebook, 腾讯` → `Google、Facebook、腾讯`. A list is a guess (commas also
 * separate clauses), so this only warns, and only for short items with a Latin name among them.
 */
import { defineRule, matches } from '../rule.ts'

const ITEM = '(?:[A-Za-z][\\w.+#-]*|\\p{Script=Han}{1,4})'
const LIST = new RegExp(`${ITEM}(?: *[,，] *${ITEM}){2,}`, 'gu')
const HAN = /\p{Script=Han}/u
const LATIN_ITEM = /(?:^|[,，] *)[A-Za-z]/

export default defineRule({
  id: 'enumeration-comma',
  description: 'Chinese enumerations use the enumeration comma.',
  fixable: false,
  severity: 'warn',
  defaults: {},
  examples: [
    { input: '我们用 Google、Facebook、腾讯的产品。' },
    { input: '我们吃饭，喝茶，聊天。Apples, pears, plums.' },
    { input: '我们用 Google, Facebook, 腾讯的产品。', messages: ['1:5-1:27: Use `、` between the items of a Chinese enumeration'] },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const match of matches(LIST, block.text)) {
        const list = match[0]
        if (!LATIN_ITEM.test(list) || !(HAN.test(list) || list.includes('，'))) continue
        context.reportFlat(block, match.index, match.index + list.length, 'Use `、` between the items of a Chinese enumeration')
      }
    }
  },
})
