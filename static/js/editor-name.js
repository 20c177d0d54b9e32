// Give each rich-text editor its field's name, so screen readers announce "Body, edit text".
// django-prose-editor fires "prose-editor:ready" for each editor it starts; the editable
// area it makes has no name of its own, and the field's <label> points at the hidden textarea.
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label) editor.view.dom.setAttribute("aria-label", label.textContent.replace(/:\s*$/, ""));
});
