// Progressive enhancements for essay pages; the page reads fine without them.
document.addEventListener("click", async (event) => {
  const load = event.target.closest && event.target.closest("button.load-comments");
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
  const copy = event.target.closest && event.target.closest("a.copy-link");
  if (copy && navigator.clipboard) {
    event.preventDefault();
    await navigator.clipboard.writeText(copy.href);
    copy.textContent = copy.dataset.copied;
  }
});
