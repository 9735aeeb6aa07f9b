/**
 * An essay that tries to break the layout: a wide table, an unbroken URL, a long code line,
 * footnotes, a captioned image, emphasis, a list whose items would end on a lone
 * character at 390 px (the fifth) and 1280 px (the seventh) without `text-wrap: pretty`, a remote
 * image the build cannot download. Browser tests build it beside the sample essays.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT } from "../helpers/site.ts";

export const STRESS_ESSAY = "/posts/stress/";

const markdown = `---
title: 排版压力测试：表格、长链接与代码
date: 2025-01-05T10:00:00+08:00
tags: [写作]
---

这篇文章专门用来检验版面：它有一张很宽的表格、一条不能断开的长链接和一行很长的代码。我们希望在手机上也不会出现横向滚动条[^note]。

## 一张很宽的表格

| 平台 | 导出格式 | 是否包含图片 | 是否包含评论 | 是否保留发布时间 | 是否保留标签 | 备注说明 |
|------|----------|--------------|--------------|------------------|--------------|----------|
| 平台甲 | Markdown | 是 | 否 | 是 | 是 | 图片需要另外下载到本地保存 |
| 平台乙 | HTML | 否 | 否 | 否 | 否 | 只有正文，其余信息全部丢失 |

## 很长的链接和代码

原文地址是 https://example.com/a/very/long/path/that/keeps/going/without/any/natural/break/point/at/all/index.html?with=query&and=more&parameters=too ，复制时请完整保留。

\`\`\`bash
curl --fail --silent --show-error --location --retry 5 --output archive-of-everything-i-ever-wrote.tar.gz https://example.com/exports/archive-of-everything-i-ever-wrote.tar.gz
\`\`\`

行内代码也可能很长：\`averyveryverylongidentifierwithoutanyspacesthatcouldoverflowthecolumn_and_then_some\`。

## 着重与图注

写作时，*留副本* 比 **换平台** 更重要。

![傍晚时分的书店街](street.jpg "傍晚的书店街：标题会成为图注")

## 清单与远程图片

留副本的几个习惯：

- 把安装包、离线文档和镜像都存到自己的硬盘上。
- 图片放在文章旁边，不要放在别人的图床上，免得哪天链接失效。
- 每年检查一次备份，确认它真的能够恢复出来，而不只是一个文件名。
- 重要的网页存成离线文件，连同图片和样式一起保存下来，以后翻看时不必联网。
- 写作用纯文本，换了编辑器也不必转换格式。
- 给每篇文章留下发布日期和修改日期，方便日后查找。
- 把常用的命令写进一个脚本，换了电脑之后照着执行一遍，就能恢复原来的工作环境。
- 三份副本放在三个地方：一份在手边的电脑上，一份在家里的硬盘里，一份在另一座城市的朋友那里。

发了一张图片：

![系统架构示意图](https://raw.githubusercontent.com/wenji-example/none/main/diagram.png)

[^note]: 脚注可以跳回正文，正文也可以跳到脚注。
`;

export async function stressEssayFiles(): Promise<Record<string, string | Uint8Array>> {
  return {
    "stress/index.md": markdown,
    "stress/street.jpg": await readFile(path.join(PROJECT, "posts", "shuyuan-zhi-lu", "street.jpg")),
  };
}
