// The benchmark's floor: plain Eleventy 3 with its default markdown-it over the same essays,
// one minimal layout, no plugins. Essays are ordinary Markdown templates that no template
// engine pre-processes, as in wenji. Plain JavaScript so no TypeScript loader is timed.
export default function floor(config) {
  config.ignores.add("_site*/**");
  config.addGlobalData("layout", "floor.njk");
  config.addTemplate(
    "_includes/floor.njk",
    `<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body><main><h1>{{ title }}</h1>\n{{ content | safe }}</main></body></html>\n`,
  );
  return {
    dir: { input: ".", includes: "_includes", data: "_data" },
    templateFormats: ["md"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
