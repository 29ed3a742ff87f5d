// Composer enhancements: error focus, clause filter as you type, live counts
// and live preview. Every step also works without this file: the Filter
// button saves the choices and reloads the filtered list, and the preview
// shows the saved choices.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  const form = document.getElementById("restrictions-form");
  if (!form) return;

  const groups = Array.from(form.querySelectorAll(".clause-group"));
  const input = form.querySelector("input[name=q]");
  const select = form.querySelector("select[name=domain]");
  const status = form.querySelector("[data-filter-status]");
  const noMatches = form.querySelector("[data-no-matches]");

  // --- Filter -------------------------------------------------------------
  let openBeforeFilter = null; // each domain's open state when a filter began
  const applyFilter = () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const domain = select.value;
    const active = words.length > 0 || domain !== "";
    if (active && openBeforeFilter === null) {
      openBeforeFilter = groups.map((group) => group.open);
    }
    let shownTotal = 0;
    groups.forEach((group, index) => {
      let shown = 0;
      group.querySelectorAll(".clause-option").forEach((option) => {
        const text = option.dataset.search || "";
        const visible = (!domain || group.dataset.domain === domain) &&
          words.every((w) => text.includes(w));
        option.classList.toggle("hidden", !visible);
        if (visible) shown += 1;
      });
      shownTotal += shown;
      group.hidden = active && shown === 0;
      if (active) group.open = shown > 0;
      else if (openBeforeFilter !== null) {
        // Back to how it was, and open wherever a choice was made meanwhile.
        group.open = openBeforeFilter[index] ||
          group.querySelector("input[name=clauses]:checked") !== null;
      }
    });
    if (!active) openBeforeFilter = null;
    status.classList.toggle("hidden", !active);
    status.querySelector("[data-filter-shown]").textContent = String(shownTotal);
    noMatches.classList.toggle("hidden", !active || shownTotal > 0);
    const query = noMatches.querySelector("[data-no-matches-query]");
    if (query) query.textContent = input.value.trim();
  };
  input.addEventListener("input", applyFilter);
  select.addEventListener("change", applyFilter);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault(); // already filtered
  });
  form.querySelector("[data-clear-filter]").addEventListener("click", (event) => {
    event.preventDefault();
    input.value = "";
    select.value = "";
    applyFilter();
    input.focus();
  });
  applyFilter();

  // --- Counts -------------------------------------------------------------
  const setText = (selector, value) => {
    const el = form.querySelector(selector);
    if (el) el.textContent = String(value);
  };
  const updateCounts = () => {
    let chosen = 0;
    groups.forEach((group) => {
      const n = group.querySelectorAll("input[name=clauses]:checked").length;
      chosen += n;
      const pill = group.querySelector("[data-group-chosen]");
      pill.textContent = `${n} chosen`;
      pill.classList.toggle("hidden", n === 0);
    });
    const required = form.querySelectorAll(".clause-option.locked").length;
    // Only complete rows count, as on the server: enough text and a category.
    const minLength = Number(form.querySelector("#custom")?.dataset.minLength || 1);
    const custom = Array.from(form.querySelectorAll(".custom-row")).filter((row) => {
      const text = row.querySelector("textarea")?.value.trim() || "";
      const category = row.querySelector("select")?.value || "";
      return text.length >= minLength && category !== "";
    }).length;
    setText("[data-count-chosen]", chosen);
    setText("[data-count-required]", required);
    setText("[data-count-custom]", custom);
    setText("[data-count-total]", required + chosen + custom);
  };

  // --- Live preview -------------------------------------------------------
  const target = document.getElementById("live-preview");
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
      const title = box.closest(".clause-option")?.querySelector(".clause-title");
      lastTicked = title ? title.textContent.trim() : null;
    }
    if (box.name === "q" || box.name === "domain") return;
    updateCounts();
    schedule();
  });
  form.addEventListener("input", (event) => {
    if (event.target.name === "q") return;
    updateCounts();
    schedule();
  });
  updateCounts();
})();
