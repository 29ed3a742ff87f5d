// Composer enhancements: filter the clause list as you type, live preview.
// Every step also works without this file (server-side filter and preview).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  const filterForm = document.querySelector("[data-clause-filter]");
  if (filterForm) {
    const input = filterForm.querySelector("input[name=q]");
    const select = filterForm.querySelector("select[name=domain]");
    const applyFilter = () => {
      const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const domain = select.value;
      document.querySelectorAll(".clause-group").forEach((group) => {
        let shown = 0;
        group.querySelectorAll(".clause-option").forEach((option) => {
          const text = option.dataset.search || "";
          const visible = (!domain || group.dataset.domain === domain) &&
            words.every((w) => text.includes(w));
          option.classList.toggle("hidden", !visible);
          if (visible) shown += 1;
        });
        group.hidden = shown === 0;
      });
    };
    filterForm.addEventListener("submit", (event) => { event.preventDefault(); applyFilter(); });
    input.addEventListener("input", applyFilter);
    select.addEventListener("change", applyFilter);
  }

  const form = document.getElementById("restrictions-form");
  const target = document.getElementById("live-preview");
  if (form && target) {
    let timer = null;
    let controller = null;
    let lastTicked = null;
    // Bring the restriction just ticked into view in the preview panel.
    const revealLastTicked = () => {
      if (!lastTicked) return;
      const wanted = lastTicked.toLowerCase();
      lastTicked = null;
      const hit = Array.from(target.querySelectorAll("li strong"))
        .find((el) => el.textContent.toLowerCase().startsWith(wanted));
      if (!hit) return;
      const item = hit.closest("li");
      item.classList.add("just-added");
      item.scrollIntoView({ block: "center", behavior: "smooth" });
    };
    const refresh = () => {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(form.dataset.previewUrl, {
        method: "POST",
        body: new FormData(form),
        signal: controller.signal,
        headers: { "X-Requested-With": "fetch" },
      })
        .then((response) => response.text())
        .then((html) => { target.innerHTML = html; revealLastTicked(); })
        .catch(() => {});
    };
    const schedule = () => { clearTimeout(timer); timer = setTimeout(refresh, 250); };
    form.addEventListener("change", (event) => {
      const box = event.target;
      if (box.name === "clauses" && box.checked) {
        const title = box.closest("label")?.querySelector("strong");
        lastTicked = title ? title.textContent.trim() : null;
      }
      schedule();
    });
    form.addEventListener("input", schedule);
    refresh();
  }
})();
