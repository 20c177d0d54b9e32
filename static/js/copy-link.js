// A "Copy link" button beside each address marked data-copy (the article form's preview
// links), for pasting into an email. Without scripts the address is still text to select.

function addCopyButton(address, index) {
  address.id ||= `copy-address-${index}`;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button copy-link";
  button.textContent = "Copy link";
  button.setAttribute("aria-describedby", address.id);
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  address.after(" ", button, " ", status);

  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(address.textContent.trim());
      status.textContent = "Copied.";
    } catch {
      // No clipboard here (a page without HTTPS, or permission refused): select the
      // address, so the keyboard's own copy works.
      window.getSelection().selectAllChildren(address);
      status.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy]").forEach(addCopyButton);
});
