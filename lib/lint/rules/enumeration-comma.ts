/**
 * enumeration-comma — items of a Chinese enumeration are separated by `、`:
 * `Google, Facebook, 腾讯` → `Google、Facebook、腾讯`. A list is a guess (commas also
 * separate clauses), so this only warns, and only for short items with a Latin name among them.
 * Every Han item is a whole run between separators, and the list ends where a list can end:
 * `没有用 CMake，只有 MakeFile，嗯，…` and `Preact，体积很小，渲染速度快` are clauses.
 */
import { defineRule, matches } from '../rule.ts'

// A Latin name, or a Han run of at most four characters that is not part of a longer run (the
// last item may run on into `的`/`等`/`和`…: `腾讯的产品`).
const ITEM = '(?:[A-Za-z][\\w.+#-]*|(?<!\\p{Script=Han})\\p{Script=Han}{1,4}(?=[^\\p{Script=Han}]|[的等和及与都]|$))'
const LIST = new RegExp(`(?<![\\p{Script=Han}\\w])${ITEM}(?: *[,，] *${ITEM}){2,}`, 'gu')
// A Latin last item followed by a Han word other than those is the subject of a new clause.
const CLAUSE_AFTER = /^ *\p{Script=Han}/u
const LIST_TAIL = /^ *[的等和及与都]/u
const HAN = /\p{Script=Han}/u
const LATIN_ITEM = /(?:^|[,，] *)[A-Za-z]/g

export default defineRule({
  id: 'enumeration-comma',
  description: 'Chinese enumerations use the enumeration comma.',
  fixable: false,
  severity: 'warn',
  defaults: {},
  examples: [
    { input: '我们用 Google、Facebook、腾讯的产品。' },
    { input: '我们吃饭，喝茶，聊天。Apples, pears, plums.' },
    { input: '没有用 CMake，只有 MakeFile，嗯，还是手写。' },
    { input: '选了 Preact，体积很小，渲染速度快。' },
    { input: '如果你还不熟悉组合式 API，别担心，Pinia 也提供了映射辅助函数。' },
    { input: '我们用 Google, Facebook, 腾讯的产品。', messages: ['1:5-1:25: Use `、` between the items of a Chinese enumeration'] },
  ],
  check(context) {
    for (const block of context.index.blocks) {
      for (const match of matches(LIST, block.text)) {
        const list = match[0]
        if ((list.match(LATIN_ITEM)?.length ?? 0) < 2 || !(HAN.test(list) || list.includes('，'))) continue
        const after = block.text.slice(match.index + list.length)
        if (/[A-Za-z][\w.+#-]*$/.test(list) && CLAUSE_AFTER.test(after) && !LIST_TAIL.test(after)) continue
        context.reportFlat(block, match.index, match.index + list.length, 'Use `、` between the items of a Chinese enumeration')
      }
    }
  },
})
