// Results as you type on the search page. Without this script the form works the same way,
// one submit at a time: it only fetches the page the form would load and swaps the results in.
const form = document.querySelector("[data-search-as-you-type]");
const results = document.getElementById("search-results");
const status = document.getElementById("search-status");
if (form && results && status) {
  const input = form.querySelector("input[type=search]");
  let timer;
  let latest;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = `${form.action}?${new URLSearchParams(new FormData(form))}`;
      latest = url;
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      if (!response.ok || url !== latest) return; // a newer query is on its way
      const text = await response.text();
      if (url !== latest) return; // a newer query started while this one was read
      const page = new DOMParser().parseFromString(text, "text/html");
      results.replaceChildren(...page.getElementById("search-results").childNodes);
      status.textContent = page.getElementById("search-status").textContent;
      history.replaceState(null, "", url);
    }, 300);
  });
}
