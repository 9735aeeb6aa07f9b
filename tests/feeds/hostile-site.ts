/**
 * A fixture site built to break feeds and pages: titles and bodies with `&`, `<`, `]]>`,
 * quotes, `</script>`, an attribute break-out, Chinese, emoji and control characters; plus
 * essays that must stay out of feeds (opt-out, draft, scheduled, expired) and a pinned one.
 */
import { buildFixture, type Fixture, type FixtureOptions } from "../helpers/site.ts";
import { TINY_JPEG, TINY_PNG } from "../helpers/tiny-images.ts";

/** The hostile title as the author wrote it (control characters in front matter are an error now; the body keeps some). */
export const HOSTILE_TITLE = `Tom & Jerry: 1 < 2 > 0 "double" 'single' ]]> and ]]> again </script> "><img src=x onerror=alert(1)> 中文标题 😀`;
const HOSTILE_TITLE_YAML = JSON.stringify(HOSTILE_TITLE);

export const HOSTILE_DESCRIPTION = `A & B <i>not italic</i> "quoted" </script><script>alert(1)</script> 摘要`;

const HOSTILE_BODY = `Ampersands & angle brackets < > and a CDATA end ]]> in text, twice ]]>; control \u0001\u0008 characters; 中文 😀.

A [relative link](../why/), a [root link](/about/), a [page link](#notes), an inline <a href="raw-relative.html">raw link</a>.

![A picture](pic.png "a ]]> title")

<img src="inline.png" srcset="inline.png 1x, /assets/inline@2x.png 2x" alt="srcset &quot;]]>&quot;">

Footnote here[^1].

## Notes

[^1]: The footnote, with a [link](../other/).
`;

/** Front matter from values; strings starting with `"`, `[` or `{` are written as YAML as they are. */
function essay(fm: Record<string, string | number | boolean>, body = "Body text for this essay.\n"): string {
  const lines = Object.entries(fm).map(([key, value]) => `${key}: ${typeof value === "string" && !/^["[{]/.test(value) ? JSON.stringify(value) : value}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

/** The essays each feed lists, newest first: zh has 6 that may be listed, the limit is 4. */
export const FEED_LIMIT = 4;
export const EXPECTED_FEEDS = {
  zh: [
    { title: HOSTILE_TITLE, path: "/posts/hostile/" },
    { title: "为什么留副本", path: "/posts/why/" },
    { title: "书苑之路", path: "/posts/bundle/" },
    { title: "第三篇", path: "/posts/第三篇/" },
  ],
  en: [
    { title: "Why keep copies", path: "/en/posts/why/" },
    { title: "The bookshop road", path: "/en/posts/bundle/" },
  ],
};

export const POSTS: Record<string, string | Uint8Array> = {
  "hostile.md": essay({ title: HOSTILE_TITLE_YAML, date: "2025-06-06T10:00:00+08:00", description: HOSTILE_DESCRIPTION, tags: `["A&B", "<tag>", "中文"]`, translationKey: "hostile" }, HOSTILE_BODY),
  "why.md": essay({ title: "为什么留副本", date: "2025-06-05T09:00:00+08:00", lastmod: "2025-06-20T09:00:00+08:00", tags: `["开源"]` }),
  "why.en.md": essay({ title: "Why keep copies", date: "2025-06-05T09:00:00+08:00", tags: `["open source"]` }),
  "bundle/index.md": essay({ title: "书苑之路", date: "2025-06-04T08:00:00+08:00", translationKey: "bookshop", cover: `{ image: "street.jpg", alt: "街道" }` }, "![街](street.jpg)\n"),
  "bundle/index.en.md": essay({ title: "The bookshop road", date: "2025-06-04T08:00:00+08:00", translationKey: "bookshop" }, "![street](street.jpg)\n"),
  "bundle/street.jpg": TINY_JPEG,
  // The hostile essay's images (the image pipeline decodes every referenced image).
  "pic.png": TINY_PNG,
  "inline.png": TINY_PNG,
  // A Chinese file name: a Han URL slug and translation key.
  "第三篇.md": essay({ title: "第三篇", date: "2025-06-03T08:00:00+08:00" }),
  "fourth.md": essay({ title: "第四篇", date: "2025-06-02T08:00:00+08:00" }),
  // Pinned but oldest: pinning orders the home page, never the feed.
  "pinned-old.md": essay({ title: "置顶的旧文", date: "2020-01-01T08:00:00+08:00", weight: 1 }),
  "opted-out.md": essay({ title: "不进订阅", date: "2025-06-07T08:00:00+08:00", feed: false }),
  "draft.md": essay({ title: "草稿", date: "2025-06-08T08:00:00+08:00", draft: true }),
  "scheduled.md": essay({ title: "定时", date: "2099-01-01T08:00:00+08:00" }),
  "expired.md": essay({ title: "过期", date: "2025-06-09T08:00:00+08:00", expiryDate: "2025-06-10T08:00:00+08:00" }),
};

export function buildHostileSite(overrides: Partial<FixtureOptions> = {}): Promise<Fixture> {
  return buildFixture({ posts: POSTS, ...overrides, site: { feed: { limit: FEED_LIMIT }, ...overrides.site } });
}
