// Refresh the readability guide on the article form while the body is being written.
// The figures come from the server, so they are the same as those shown after saving.
// The editor fires "input" on the body's textarea after each change, as a textarea does.
let pending;

document.addEventListener("input", (event) => {
  if (event.target.id !== "id_body") return;
  clearTimeout(pending);
  pending = setTimeout(() => refresh(event.target), 800);
});

async function refresh(body) {
  const panel = document.querySelector("[data-readability-url]");
  if (!panel) return;
  const data = new FormData();
  data.append("body", body.value);
  data.append("csrfmiddlewaretoken", body.form.elements.csrfmiddlewaretoken.value);
  try {
    const response = await fetch(panel.dataset.readabilityUrl, { method: "POST", body: data });
    if (response.ok) panel.outerHTML = await response.text();
  } catch {
    // Offline for a moment: the guide stays as it was and refreshes on the next change.
  }
}
