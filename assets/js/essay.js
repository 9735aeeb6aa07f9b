// Progressive enhancements for essay pages; the page reads fine without them.
document.addEventListener("click", async (event) => {
  const copy = event.target.closest && event.target.closest("a.copy-link");
  if (copy && navigator.clipboard) {
    event.preventDefault();
    await navigator.clipboard.writeText(copy.href);
    copy.textContent = copy.dataset.copied;
  }
});
