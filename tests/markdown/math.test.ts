import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { createMarkdown, renderMarkdown } from "../../lib/markdown/render.ts";

const md = createMarkdown();
const render = (source: string, lineOffset = 0) => renderMarkdown(md, source, { anchorLabel: "本节链接", lineOffset });
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
/** The TeX of each formula on the page, from KaTeX's annotation, with whether it is display maths. */
function formulas(html: string): { tex: string; display: boolean }[] {
  return [...dom(html).querySelectorAll("math")].map((m) => ({ tex: m.querySelector("annotation")!.textContent!, display: m.getAttribute("display") === "block" }));
}

test("the four delimiters become MathML at build time, inline or display", () => {
  const { html, hasMath, problems } = render("行内 $x^2$ 与 \\(\\alpha\\)。\n\n$$\n\\int_0^1 x\\,dx\n$$\n\n\\[\\frac{1}{2}\\]\n\n段中 $$E=mc^2$$ 也行。");
  assert.deepEqual(formulas(html), [
    { tex: "x^2", display: false },
    { tex: "\\alpha", display: false },
    { tex: "\\int_0^1 x\\,dx", display: true },
    { tex: "\\frac{1}{2}", display: true },
    { tex: "E=mc^2", display: true },
  ]);
  assert.equal(hasMath, true);
  assert.deepEqual(problems, []);
  assert.doesNotMatch(html, /<script|<link|katex\.min\.css|\.woff/, "no script, stylesheet or font");
});

test("maths is never mangled as emphasis or escapes", () => {
  const { html } = render("$a*b*c$ 和 $x_1 + y_1$ 和 $a_1 * b_2$ 和 \\(\\{x\\}\\)");
  assert.deepEqual(formulas(html).map((f) => f.tex), ["a*b*c", "x_1 + y_1", "a_1 * b_2", "\\{x\\}"]);
  assert.doesNotMatch(html, /<em>|<strong>/);
});

test("dollar amounts in prose stay prose", () => {
  for (const source of ["价格 $5 到 $10。", "costs $5 and $6 more", "$ 5 dollars $", "a $x $ b", "从 $5 涨到 $$10"]) {
    const { html, hasMath } = render(source);
    assert.equal(hasMath, false, source);
    assert.equal(dom(html).querySelector("p")!.textContent, source, source);
  }
  assert.equal(render("\\$5 and \\$6").html.trim(), "<p>$5 and $6</p>");
});

test("maths in code stays code", () => {
  const { html, hasMath } = render("`$x$` and\n\n```\n$$ y $$\n```");
  assert.equal(hasMath, false);
  assert.match(html, /<code>\$x\$<\/code>/);
});

test("a formula KaTeX cannot read is a problem on its file line, shown as code, not a crash", () => {
  const { html, problems } = render("第一段\n\n第二段 $\\frac{1$ 在这里\n\n$$\n\\begin{x}\n$$", 4);
  assert.deepEqual(problems.map((p) => [p.line, p.rule]), [[7, "math"], [9, "math"]]);
  assert.match(problems[0].message, /"\\\\frac\{1" cannot be rendered/);
  assert.match(html, /<code class="math-error">\\frac\{1<\/code>/);
});

test("an unclosed $$ is prose, not maths to the end of the essay", () => {
  const { html, hasMath } = render("$$ 开始\n\n后面的段落");
  assert.equal(hasMath, false);
  assert.equal(dom(html).querySelectorAll("p").length, 2);
});

test("display maths may follow a paragraph line without a blank line", () => {
  const { html } = render("如下：\n$$\nx+y\n$$\n之后");
  assert.deepEqual(formulas(html), [{ tex: "x+y", display: true }]);
});

test("pages without maths say so", () => {
  assert.equal(render("没有公式，只有 $5。").hasMath, false);
});

test("a heading with maths keeps the formula's TeX in its TOC text and Hugo's id", () => {
  const { headings } = render("## 欧拉公式 $e^{i\\pi}+1=0$ 的证明");
  assert.deepEqual(headings.map((h) => [h.id, h.text]), [["欧拉公式-eipi10-的证明", "欧拉公式 e^{i\\pi}+1=0 的证明"]]);
});

test("escaped brackets around a number or Chinese text stay prose, as they read on the old site", () => {
  for (const source of ["见文献\\[1\\]和\\[注2\\]。", "参考 \\[12\\] 与 \\[参考资料\\]"]) {
    const { html, hasMath } = render(source);
    assert.equal(hasMath, false, source);
    assert.doesNotMatch(html, /<math/, source);
    assert.match(html, /\[/);
  }
  assert.match(render("段中 \\[x^2\\] 是公式").html, /<math[^>]*display="block"/);
});

test("spaces inside the dollars still make maths when the span holds TeX (real notes write it so)", () => {
  const { hasMath, problems, html } = render("其中 $\\beta_t $，这是方差；为了找到 $ p_Z(z) $ 的含义，令 $\\alpha_\\tau $ 变化。");
  assert.equal(hasMath, true);
  assert.deepEqual(problems, []);
  assert.equal((html.match(/<math/g) ?? []).length, 3);
});

test("$$a$$, $$b$$ on one line are two display formulas, not one block", () => {
  const { problems, html } = render("$$\\mathbf{a} = \\mathbf{y}$$, $$\\mathbf{b} = f_*$$");
  assert.deepEqual(problems, []);
  assert.equal((html.match(/<math/g) ?? []).length, 2);
});
