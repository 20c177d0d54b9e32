// When a form comes back with errors, the summary of what to fix takes the focus, so it is
// the first thing seen and read out. Each of its links then goes to the control itself: a
// link to an id would only scroll the page, and some fields (the rich-text editor, choosers
// with a search box) hide the element Django gave that id.
(() => {
  const summary = document.querySelector(".error-summary");
  if (!summary) return;

  // Where to type comes before other controls (an editor's toolbar buttons).
  const ENTRY = "[contenteditable=true], textarea, input:not([type=hidden]), select";
  const CONTROLS = `${ENTRY}, button, [tabindex='0']`;
  const shown = (element) => element.getClientRects().length > 0;

  const controlFor = (target) => {
    if (target.matches(CONTROLS) && shown(target)) return target;
    const row = target.closest(".form-row, tr, .inline-related, .inline-group") || target;
    const first = (selector) => [...row.querySelectorAll(selector)].find(shown);
    return first(ENTRY) || first(CONTROLS) || null;
  };

  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    // A field in a folded section ("History") is unfolded first.
    for (let section = target.closest("details"); section; section = section.parentElement.closest("details")) {
      section.open = true;
    }
    const control = controlFor(target);
    if (!control) return;
    event.preventDefault();
    // The whole row, label and message included, comes into view.
    (target.closest(".form-row, tr") || control).scrollIntoView({ block: "center" });
    control.focus({ preventScroll: true });
  });

  // After the page has loaded: Django's own script focuses the first field of a new form.
  window.addEventListener("load", () => summary.focus());
  if (document.readyState === "complete") summary.focus();
})();
