// Suggest existing tags for the tag being typed after a comma, keeping those already typed.
for (const input of document.querySelectorAll("input[list$='-options']")) {
  const datalist = document.getElementById(input.getAttribute("list"));
  const names = Array.from(datalist.options, (option) => option.value);
  input.addEventListener("input", () => {
    const typed = input.value.split(",").slice(0, -1).map((part) => part.trim()).filter(Boolean);
    const prefix = typed.length ? `${typed.join(", ")}, ` : "";
    const offers = names.filter((name) => !typed.includes(name));
    datalist.replaceChildren(...offers.map((name) => new Option(name, prefix + name)));
  });
}
