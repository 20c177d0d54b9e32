// Returns what a person would see as broken layout: the page wider than the window, text
// cut off by its box, text running off the side, or two pieces of text on top of each other.
// Visually hidden text (for screen readers) and the off-screen skip link are left out.
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) =>
    el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\s+/).join(".") : "") +
    ` “${el.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}”`;

  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
  }
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Text inside a visually hidden box (such as a table's column names for screen readers)
    // keeps its own size, so the box is checked too.
    if (el.closest(".visually-hidden")) return false;
    return style.visibility !== "hidden" && box.width > 1 && box.height > 1 && box.bottom > 0;
  };
  const ownText = (el) =>
    [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  const texts = [...document.body.querySelectorAll("*")].filter(
    (el) => !["SCRIPT", "STYLE"].includes(el.tagName) && ownText(el) && shown(el),
  );

  for (const el of texts) {
    const box = el.getBoundingClientRect();
    if (box.left < -1 || box.right > width + 1) problems.push(`${name(el)} runs off the side`);
    const style = getComputedStyle(el);
    const clipsX = ["hidden", "clip"].includes(style.overflowX);
    const clipsY = ["hidden", "clip"].includes(style.overflowY);
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) ||
        (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`${name(el)} is cut off`);
    }
  }
  // Text that is not nested in other text must not share any area. Line boxes are compared,
  // not bounding boxes, so a link wrapping onto a second line is not counted as overlapping.
  const lines = texts.map((el) => [el, [...el.getClientRects()]]);
  const overlap = (ra, rb) =>
    Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 &&
    Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a, ra] = lines[i];
      const [b, rb] = lines[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (ra.some((x) => rb.some((y) => overlap(x, y)))) {
        problems.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
  }
  return problems;
}
