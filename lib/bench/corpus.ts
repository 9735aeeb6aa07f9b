/**
 * The benchmark corpus: a deterministic, seeded set of essays shaped like a real bilingual
 * blog. N Chinese essays of about 1,500 Han characters (3–6 h2/h3 headings, a list, a fenced
 * code block, links; some are page bundles with a local image), N/2 English translations,
 * PaperMod front matter, about 50 tags in both languages, 8 categories, dates in the past.
 */
import { mkdir, readFile, writeFile, symlink, cp, rm } from "node:fs/promises";
import path from "node:path";
import { Random } from "./random.ts";
import { bandedPng } from "./png.ts";

export interface CorpusOptions {
  /** Chinese essays; half as many get an English translation. */
  essays: number;
  seed?: number;
}

export interface CorpusFile {
  /** Path relative to the site root, forward slashes: `posts/essay-0001.md`. */
  path: string;
  content: string | Buffer;
}

export interface Corpus {
  files: CorpusFile[];
  /** One Chinese essay (not a bundle) the preview benchmark edits. */
  editable: string;
  stats: { zh: number; en: number; bundles: number; images: number; tags: number; categories: number; hanCharacters: number };
}

export const DEFAULT_SEED = 20240611;

const CATEGORIES: readonly (readonly [string, string])[] = [
  ["运营", "Operations"],
  ["技术", "Technology"],
  ["随笔", "Notes"],
  ["开源", "Open Source"],
  ["写作", "Writing"],
  ["读书", "Reading"],
  ["生活", "Life"],
  ["工具", "Tools"],
];

/** 50 tags, half Chinese, half English; earlier ones are drawn more often, as on real blogs. */
export const TAGS: readonly string[] = [
  "开源", "社区", "写作", "翻译", "归档", "自托管", "运维", "云原生", "数据库", "前端",
  "排版", "阅读", "笔记", "工具链", "版本控制", "备份", "隐私", "许可证", "文档", "教育",
  "城市", "旅行", "摄影", "咖啡", "播客",
  "community", "KubeSphere", "Kubernetes", "durability", "Linux", "Go", "Rust", "TypeScript", "Eleventy", "Hugo",
  "Markdown", "RSS", "Git", "PostgreSQL", "SQLite", "Docker", "Nginx", "OpenTelemetry", "WebAssembly", "CSS",
  "typography", "archiving", "self-hosting", "licensing", "IndieWeb",
];

const SUBJECTS = ["我们", "很多团队", "社区里的维护者", "一个普通的用户", "写博客的人", "这套工具", "那家公司", "老朋友", "新来的同事", "开源项目", "图书馆", "每一份文档", "读者", "作者本人", "这个行业"];
const ADVERBS = ["往往", "其实", "慢慢地", "在很长一段时间里", "几乎每天", "偶尔", "不知不觉地", "从一开始就", "直到今天", "在没人注意的时候", "总是", "终于"];
const VERBS = ["依赖着", "忽视了", "重新发现了", "保存下了", "丢失了", "整理出", "误解了", "记录下", "搬走了", "维护着", "翻译了", "改写了", "检查过", "讨论起"];
const OBJECTS = ["那些看似不起眼的链接", "一份离线安装包", "多年积累的文档", "自己的写作习惯", "一条老旧的命令", "版本发布记录", "社区的问答帖", "服务器上的备份", "一张架构图", "纸质的笔记本", "搜索引擎的快照", "朋友寄来的书", "一段配置文件", "旧电脑里的照片", "整站的静态副本"];
const CLAUSES = ["这件事并不复杂", "代价却往往要很多年后才显现", "没有人真正为此负责", "我们只是把问题推给了明天", "答案比想象中朴素", "工具本身并不是关键", "时间会证明这一点", "规则写在纸上而习惯写在手上", "最可靠的仍然是自己手里的文件", "每一次迁移都会丢掉一些东西", "细节决定了它能活多久", "这正是值得记下来的原因"];
const HEADINGS = ["链接不等于拥有", "从一次迁移说起", "副本放在哪里", "为什么是纯文本", "社区的记忆", "工具的寿命", "对个人来说", "对团队来说", "写下来的理由", "几条朴素的习惯", "一个反例", "最后的检查", "慢下来", "关于版本", "还剩下什么", "回到起点"];
const LIST_ITEMS = ["每周把文稿同步到第二块硬盘", "给每张图片写一句替代文字", "重要的链接同时保存网页快照", "用纯文本记录配置的来龙去脉", "定期检查旧文章里的外部链接", "发布前读一遍源文件", "把依赖的安装包放进自己的仓库", "给文件起能读懂的名字"];
const EN_WORDS = ["archive", "copy", "community", "document", "release", "mirror", "library", "reader", "writer", "tool", "habit", "server", "backup", "link", "page", "history", "project", "license", "essay", "note"];
const EN_VERBS = ["keeps", "loses", "rewrites", "checks", "moves", "mirrors", "explains", "forgets", "serves", "collects"];
const EN_ADJECTIVES = ["quiet", "durable", "fragile", "plain", "old", "shared", "local", "careful", "small", "stubborn"];
const CODE_BLOCKS = [
  ["bash", "#!/usr/bin/env bash\nset -euo pipefail\nrsync -a --delete ~/writing/ /mnt/backup/writing/\ngit -C ~/writing log --oneline | head -n 5"],
  ["yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: archive\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27"],
  ["go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i, name := range []string{\"文档\", \"镜像\", \"安装包\"} {\n\t\tfmt.Printf(\"%d %s\\n\", i, name)\n\t}\n}"],
  ["js", "const copies = new Map();\nfor (const url of links) {\n  copies.set(url, await fetch(url).then((r) => r.text()));\n}\nconsole.log(`${copies.size} pages kept`);"],
  ["toml", "[backup]\nschedule = \"weekly\"\ntargets = [\"nas\", \"offsite\"]\n\n[backup.retention]\nkeep = 12"],
] as const;

const HAN = /\p{Script=Han}/gu;

function hanCount(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

function zhSentence(random: Random): string {
  const main = `${random.pick(SUBJECTS)}${random.pick(ADVERBS)}${random.pick(VERBS)}${random.pick(OBJECTS)}`;
  return random.chance(0.6) ? `${main}，${random.pick(CLAUSES)}。` : `${main}。`;
}

function zhParagraph(random: Random): string {
  return Array.from({ length: random.int(3, 5) }, () => zhSentence(random)).join("");
}

function enSentence(random: Random): string {
  const words = Array.from({ length: random.int(8, 16) }, (_, i) =>
    i % 3 === 1 ? random.pick(EN_VERBS) : i % 3 === 2 ? random.pick(EN_ADJECTIVES) : random.pick(EN_WORDS),
  );
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function enParagraph(random: Random): string {
  return Array.from({ length: random.int(3, 6) }, () => enSentence(random)).join(" ");
}

function slugOf(index: number): string {
  return `essay-${String(index + 1).padStart(5, "0")}`;
}

/** A date between 2014 and mid-2025, in +08:00, at a minute of the day; always in the past. */
function pastDate(random: Random): string {
  const start = Date.UTC(2014, 0, 1);
  const end = Date.UTC(2025, 5, 30);
  const at = new Date(start + Math.floor(random.next() * (end - start)));
  at.setUTCSeconds(0, 0);
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** Tags drawn with weights 1/(rank+1): a few popular tags, a long tail. */
function drawTags(random: Random, count: number): string[] {
  const weights = TAGS.map((_, rank) => 1 / (rank % 25 + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const chosen = new Set<string>();
  while (chosen.size < count) {
    let r = random.next() * total;
    let i = 0;
    while (r > weights[i]) r -= weights[i++];
    chosen.add(TAGS[Math.min(i, TAGS.length - 1)]);
  }
  return [...chosen];
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

interface EssayPlan {
  slug: string;
  bundle: boolean;
  date: string;
  tags: string[];
  category: readonly [string, string];
  weight?: number;
  headings: { level: 2 | 3; text: string }[];
  code: readonly [string, string];
  image?: string;
  related?: string;
}

function frontMatter(title: string, description: string, plan: EssayPlan, category: string, cover: string): string {
  return [
    "---",
    `title: ${yamlString(title)}`,
    `date: ${plan.date}`,
    "categories:",
    `- ${yamlString(category)}`,
    "tags:",
    ...plan.tags.map((tag) => `- ${yamlString(tag)}`),
    `description: ${yamlString(description)}`,
    `weight: ${plan.weight ?? ""}`,
    "draft: false",
    "comments: true",
    "showToc: true",
    "TocOpen: false",
    "hidemeta: false",
    "disableShare: false",
    "showbreadcrumbs: true",
    "cover:",
    `    image: ${yamlString(cover)}`,
    `    caption: ""`,
    `    alt: ""`,
    `    relative: ${cover ? "true" : "false"}`,
    "---",
    "",
  ].join("\n");
}

function zhEssay(random: Random, plan: EssayPlan): { text: string; han: number; title: string } {
  const title = `${random.pick(HEADINGS)}：${random.pick(OBJECTS)}`;
  const description = zhSentence(random).replace(/。$/, "");
  const target = random.int(1350, 1650);
  const blocks: string[] = [];
  let han = 0;
  const add = (block: string) => {
    blocks.push(block);
    han += hanCount(block);
  };
  add(zhParagraph(random));
  if (plan.image) add(`![${random.pick(OBJECTS)}](${plan.image} "${random.pick(CLAUSES)}")`);
  plan.headings.forEach((heading, i) => {
    add(`${"#".repeat(heading.level)} ${heading.text}`);
    add(zhParagraph(random));
    if (i === 0) add(random.sample(LIST_ITEMS, random.int(3, 5)).map((item) => `- ${item}`).join("\n"));
    if (i === 1) add(`\`\`\`${plan.code[0]}\n${plan.code[1]}\n\`\`\``);
    if (i === 1) add(`有位读者在[一个 issue](https://github.com/example-org/example-repo/issues/${random.int(100, 9999)}) 里写道，${zhSentence(random)}`);
    if (i === 2 && plan.related) add(`更长的思考写在[另一篇文章](/posts/${plan.related}/)里，${zhSentence(random)}`);
  });
  while (han < target) add(zhParagraph(random));
  return { text: frontMatter(title, description, plan, plan.category[0], plan.image && plan.weight === undefined && random.chance(0.5) ? plan.image : "") + blocks.join("\n\n") + "\n", han, title };
}

function enEssay(random: Random, plan: EssayPlan): string {
  const title = `${random.pick(EN_ADJECTIVES)} ${random.pick(EN_WORDS)}s and the ${random.pick(EN_WORDS)}`.replace(/^./, (c) => c.toUpperCase());
  const blocks: string[] = [enParagraph(random)];
  if (plan.image) blocks.push(`![A ${random.pick(EN_ADJECTIVES)} ${random.pick(EN_WORDS)}](${plan.image})`);
  plan.headings.forEach((heading, i) => {
    blocks.push(`${"#".repeat(heading.level)} ${enSentence(random).split(" ").slice(0, 4).join(" ").replace(/\.$/, "")}`);
    blocks.push(enParagraph(random), enParagraph(random));
    if (i === 0) blocks.push(["- keep a second copy", "- write plain text", "- check old links", "- name files clearly"].slice(0, random.int(3, 4)).join("\n"));
    if (i === 1) blocks.push(`\`\`\`${plan.code[0]}\n${plan.code[1]}\n\`\`\``, `A reader wrote in [an issue](https://github.com/example-org/example-repo/issues/${random.int(100, 9999)}): ${enSentence(random)}`);
  });
  return frontMatter(title, enSentence(random), plan, plan.category[1], "") + blocks.join("\n\n") + "\n";
}

export function generateCorpus(options: CorpusOptions): Corpus {
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const files: CorpusFile[] = [];
  const stats = { zh: 0, en: 0, bundles: 0, images: 0, tags: 0, categories: 0, hanCharacters: 0 };
  const tagsUsed = new Set<string>();
  const categoriesUsed = new Set<string>();
  let editable = "";
  for (let i = 0; i < options.essays; i++) {
    const slug = slugOf(i);
    // One essay in eight is a page bundle with a local image; two are pinned.
    const bundle = i % 8 === 3;
    const headingCount = random.int(3, 6);
    const plan: EssayPlan = {
      slug,
      bundle,
      date: pastDate(random),
      tags: drawTags(random, random.int(1, 4)),
      category: random.pick(CATEGORIES),
      weight: i < 2 ? i + 1 : undefined,
      headings: Array.from({ length: headingCount }, (_, h) => ({ level: h > 0 && random.chance(0.35) ? 3 : 2, text: random.pick(HEADINGS) })),
      code: random.pick(CODE_BLOCKS),
      image: bundle ? "figure.png" : undefined,
      related: i > 0 ? slugOf(random.int(0, i - 1)) : undefined,
    };
    const translated = i % 2 === 0;
    const base = bundle ? `posts/${slug}/index` : `posts/${slug}`;
    const zh = zhEssay(random, plan);
    files.push({ path: `${base}.md`, content: zh.text });
    stats.zh++;
    stats.hanCharacters += zh.han;
    if (translated) {
      files.push({ path: `${base}.en.md`, content: enEssay(random, plan) });
      stats.en++;
    }
    if (bundle) {
      files.push({ path: `posts/${slug}/figure.png`, content: bandedPng(640, 400, (i * 47) % 360) });
      stats.bundles++;
      stats.images++;
    } else if (!editable) editable = `${base}.md`;
    for (const tag of plan.tags) tagsUsed.add(tag);
    categoriesUsed.add(plan.category[0]);
  }
  stats.tags = tagsUsed.size;
  stats.categories = categoriesUsed.size;
  return { files, editable, stats };
}

export interface SiteFolderOptions {
  /** The project whose layouts, assets and settings the site uses. */
  project: string;
}

/**
 * Writes a corpus as a buildable site folder: the project's settings and UI strings copied,
 * its layouts and assets linked, the essays under `posts/`. Replaces whatever was there.
 */
export async function writeCorpusSite(root: string, corpus: Corpus, { project }: SiteFolderOptions): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(path.join(root, "_data"), { recursive: true });
  await symlink(path.join(project, "_includes"), path.join(root, "_includes"));
  await symlink(path.join(project, "assets"), path.join(root, "assets"));
  await cp(path.join(project, "_data"), path.join(root, "_data"), { recursive: true });
  // Like the project itself, a site folder is an ES module package (Eleventy's watcher reads
  // this) with the project's `npm run build`, so the benchmark builds as an author does: npm,
  // the package check, then the build, with the engine's files and packages linked in.
  const { scripts } = JSON.parse(await readFile(path.join(project, "package.json"), "utf8")) as { scripts: Record<string, string> };
  await writeFile(path.join(root, "package.json"), `${JSON.stringify({ private: true, type: "module", scripts: { build: scripts.build } }, null, 2)}\n`);
  for (const shared of ["scripts", "node_modules", "package-lock.json"]) await symlink(path.join(project, shared), path.join(root, shared));
  const folders = new Set(corpus.files.map((file) => path.dirname(path.join(root, file.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  for (const file of corpus.files) await writeFile(path.join(root, file.path), file.content);
}
