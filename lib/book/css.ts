/**
 * The book's one stylesheet: the site's reading design for reading systems. No fixed widths
 * (the reader chooses the page), no web fonts (the reader's own CJK fonts), justified text,
 * footnotes and code styled statically, and for Chinese books optionally vertical writing.
 */
export interface BookCssOptions {
  /** The book's language is Chinese. */
  chinese: boolean;
  /** 竖排: `writing-mode: vertical-rl` (Chinese books only). */
  vertical: boolean;
  /** First-line indents instead of space between paragraphs. */
  indent: boolean;
}

const SERIF = `"Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", SimSun, serif`;
const SANS = `"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif`;
const MONO = `ui-monospace, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace`;

const BASE = `
body { margin: 1em; line-height: 1.8; text-align: justify; overflow-wrap: break-word; line-break: strict; }
h1, h2, h3, h4, h5, h6 { line-height: 1.4; text-align: start; page-break-after: avoid; break-after: avoid; font-family: ${SANS}; }
h1 { font-size: 1.5em; margin: 0 0 .5em; }
h2 { font-size: 1.25em; margin: 1.5em 0 .5em; }
h3 { font-size: 1.1em; margin: 1.2em 0 .4em; }
p, ul, ol, dl, blockquote, pre, figure, table { margin: 0 0 1em; }
a { color: inherit; text-decoration: underline; }
img, svg { max-width: 100%; height: auto; }
figure { text-align: center; page-break-inside: avoid; break-inside: avoid; }
figcaption { font-size: .875em; color: #555; text-align: center; }
blockquote { margin-left: 0; margin-right: 0; padding: 0 0 0 1em; border-left: 3px solid #ccc; color: #444; }
code, pre, kbd, samp { font-family: ${MONO}; font-size: .875em; }
pre { white-space: pre-wrap; text-align: left; background: #f5f3ee; padding: .75em; border-radius: 3px; page-break-inside: avoid; }
pre code { font-size: 1em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: .25em .5em; text-align: start; }
hr { border: 0; border-top: 1px solid #ccc; margin: 1.5em 0; }
.chapter-header { margin-bottom: 1.5em; }
.chapter-meta, .chapter-tags { font-size: .875em; color: #555; margin: 0; text-indent: 0; }
.chapter-tags span + span::before { content: " · "; }
.footnotes { margin-top: 2em; border-top: 1px solid #ccc; padding-top: .5em; font-size: .875em; }
.footnotes aside { margin: 0 0 .5em; }
.footnotes aside p { margin: 0; text-indent: 0; }
.footnote-ref a { text-decoration: none; }
sup { line-height: 0; }
.image-missing { display: inline-block; border: 1px dashed #999; padding: .25em .5em; color: #555; font-size: .875em; }
.title-page, .cover-page { text-align: center; }
.title-page h1, .cover-page h1 { font-size: 2em; margin: 2em 0 .5em; }
.title-page p, .cover-page p { text-indent: 0; text-align: center; }
.cover-image { text-align: center; margin: 0; }
.cover-image img { max-height: 100%; }
nav ol { list-style: none; padding-left: 1em; }
/* highlight.js classes, one static palette readable on white and on e-ink. */
.hljs-keyword, .hljs-built_in, .hljs-selector-tag, .hljs-meta { color: #7a1f78; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #245c23; }
.hljs-number, .hljs-literal, .hljs-variable, .hljs-attribute { color: #634300; }
.hljs-comment, .hljs-quote, .hljs-deletion { color: #4d4d4d; font-style: italic; }
.hljs-title, .hljs-section, .hljs-function { color: #1a469a; }
`;

const CHINESE = `
body { font-family: ${SERIF}; }
em { font-style: normal; text-emphasis: filled dot; -webkit-text-emphasis: filled dot; -epub-text-emphasis: filled dot; text-emphasis-position: under right; -webkit-text-emphasis-position: under; }
.hljs-comment { font-style: normal; }
`;

const LATIN = `
body { font-family: Georgia, "Times New Roman", ${SERIF}; line-height: 1.6; hyphens: auto; -webkit-hyphens: auto; -epub-hyphens: auto; }
`;

const INDENT = `
p { margin: 0; text-indent: 2em; }
figure p, li p, blockquote p, .footnotes p { text-indent: 0; }
`;

/* Vertical writing: lines run top to bottom, right to left; code and tables stay horizontal. */
const VERTICAL = `
html { writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; }
body { text-align: justify; }
h2 { margin: 0 1.5em 0 .5em; }
h3 { margin: 0 1.2em 0 .4em; }
p, ul, ol, dl, blockquote, figure, table { margin: 0 0 0 1em; }
blockquote { padding: 1em 0 0 0; border-left: 0; border-top: 3px solid #ccc; }
pre, table, .table-scroll { writing-mode: horizontal-tb; -webkit-writing-mode: horizontal-tb; -epub-writing-mode: horizontal-tb; max-height: 90%; overflow: hidden; }
img, svg { max-width: none; max-height: 100%; width: auto; }
em { text-emphasis-position: over right; -webkit-text-emphasis-position: over; }
.chapter-header { margin: 0 0 0 1.5em; }
.footnotes { margin: 0 2em 0 0; border-top: 0; border-right: 1px solid #ccc; padding: 0 .5em 0 0; }
.title-page h1, .cover-page h1 { margin: 0 2em 0 .5em; }
.hljs-comment { font-style: normal; }
`;

export function bookCss(options: BookCssOptions): string {
  const parts = [BASE, options.chinese ? CHINESE : LATIN];
  if (options.indent || (options.chinese && options.vertical)) parts.push(INDENT);
  if (options.chinese && options.vertical) parts.push(VERTICAL);
  return `/* wenji book stylesheet */${parts.join("")}`;
}
