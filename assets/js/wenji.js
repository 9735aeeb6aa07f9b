// Progressive enhancements; every page reads fine without them. Kept under 2 KB gzipped.
(() => {
  const root = document.documentElement;
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const toggle = document.querySelector(".theme-toggle");
  const isDark = () => (root.dataset.theme || (dark.matches ? "dark" : "light")) === "dark";
  const showTheme = () => toggle && toggle.setAttribute("aria-pressed", String(isDark()));
  showTheme();
  dark.addEventListener("change", showTheme);

  // The full-size image viewer: a native <dialog>, created on first use.
  let viewer;
  const view = (img) => {
    if (!viewer) {
      viewer = document.createElement("dialog");
      viewer.className = "zoom";
      viewer.append(document.createElement("img"));
      viewer.addEventListener("click", () => viewer.close());
      document.body.append(viewer);
    }
    const big = viewer.firstChild;
    big.src = largest(img);
    big.alt = img.alt;
    viewer.showModal();
  };
  // The widest candidate of the image's own srcset (its fallback format, which every browser reads).
  const largest = (img) => {
    let best = img.currentSrc || img.src, width = 0;
    for (const item of (img.srcset || "").split(",")) {
      const [url, w] = item.trim().split(/\s+/);
      if (url && parseInt(w) > width) { width = parseInt(w); best = new URL(url, location.href).href; }
    }
    return best;
  };

  // Copy buttons, only where scripts run: on fences (in their bar) and on the subscribe page's addresses.
  const text = document.body.dataset;
  for (const box of document.querySelectorAll(".code-block, .copyable")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = text.copy;
    box.append(button);
  }

  document.addEventListener("click", async (event) => {
    const target = event.target;
    const copyButton = target.closest && target.closest(".code-copy");
    if (copyButton && navigator.clipboard) {
      const box = copyButton.parentElement;
      await navigator.clipboard.writeText(box.dataset.copy || box.querySelector("pre").innerText);
      copyButton.textContent = text.copied;
      return;
    }
    if (toggle && toggle.contains(target)) {
      const next = isDark() ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("wenji-theme", next); } catch {}
      showTheme();
      return;
    }
    const load = target.closest && target.closest("button.load-comments");
    if (load) {
      // The third-party comments script is fetched only now, after the reader asked for it.
      const script = document.createElement("script");
      script.src = load.dataset.script;
      script.async = true;
      script.crossOrigin = "anonymous";
      for (const attr of load.attributes) if (attr.name.startsWith("data-") && attr.name !== "data-script") script.setAttribute(attr.name, attr.value);
      load.nextElementSibling.appendChild(script);
      load.remove();
      return;
    }
    const copy = target.closest && target.closest("a.copy-link");
    if (copy && navigator.clipboard) {
      event.preventDefault();
      await navigator.clipboard.writeText(copy.href);
      copy.textContent = copy.dataset.copied;
      return;
    }
    if (target.tagName === "IMG" && target.closest(".essay-body, .essay-cover") && !target.closest("a")) view(target);
  });

  // Table of contents: shown open beside the essay on wide screens; marks the section being read.
  const toc = document.querySelector(".essay > .toc");
  if (!toc) return;
  const wide = matchMedia("(min-width: 72rem)");
  const openOnWide = () => { if (wide.matches) toc.open = true; };
  openOnWide();
  wide.addEventListener("change", openOnWide);
  const links = new Map();
  for (const a of toc.querySelectorAll("a[href^='#']")) {
    const heading = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (heading) links.set(heading, a);
  }
  // The observed area runs from far above the page down to a line a third into the viewport, so
  // "intersecting" means "above that line" however fast the reader scrolls; no forced layout.
  const above = new Set();
  let current;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) entry.isIntersecting ? above.add(entry.target) : above.delete(entry.target);
    let found;
    for (const heading of links.keys()) if (above.has(heading)) found = heading;
    const link = found && links.get(found);
    if (link === current) return;
    current?.removeAttribute("aria-current");
    link?.setAttribute("aria-current", "true");
    current = link;
  }, { rootMargin: "100000px 0px -66% 0px" });
  for (const heading of links.keys()) observer.observe(heading);
})();
