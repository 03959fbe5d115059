// Drafts: show only the fields the chosen kind takes, and lint the text as it is edited.
// The page works without this script: "Check again" re-lints with a plain form post.
"use strict";

(function () {
  const choose = document.querySelector("form.draft-choose");
  if (choose) {
    const show = () => {
      const picked = choose.querySelector('input[name="kind"]:checked');
      const kind = picked ? picked.value : "";
      choose.querySelectorAll("[data-kinds]").forEach((el) => {
        el.hidden = !el.dataset.kinds.split(" ").includes(kind);
      });
    };
    choose.addEventListener("change", show);
    show();
  }

  const form = document.querySelector("form.draft-form");
  if (!form) return;
  const kind = form.dataset.kind;
  const token = () => {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  };

  function paint(aside, findings) {
    aside.querySelectorAll(".lint-count, .findings, .lint-clean").forEach((el) => el.remove());
    if (!findings.length) {
      const p = document.createElement("p");
      p.className = "lint-clean";
      p.textContent = "Clean: nothing to fix.";
      aside.append(p);
      return;
    }
    const count = document.createElement("p");
    count.className = "lint-count";
    count.textContent = findings.length + (findings.length === 1 ? " finding" : " findings");
    const list = document.createElement("ul");
    list.className = "findings";
    for (const f of findings) {
      const li = document.createElement("li");
      li.className = "finding sev-" + f.severity;
      const sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = f.severity;
      const code = document.createElement("code");
      code.textContent = f.code;
      li.append(sev, " ", code);
      for (const [cls, text] of [["msg", f.message], ["where", f.where], ["muted principle", f.principle]]) {
        if (!text) continue;
        const p = document.createElement("p");
        p.className = cls;
        p.textContent = text;
        li.append(p);
      }
      list.append(li);
    }
    aside.append(count, list);
  }

  form.querySelectorAll("textarea[data-lint]").forEach((area) => {
    const aside = document.getElementById(area.dataset.lint);
    let timer = null;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const response = await fetch("/api/v1/lint", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": token() },
          body: JSON.stringify({ text: area.value, kind: kind }),
          credentials: "same-origin",
        }).catch(() => null);
        if (!response || !response.ok) return;
        const data = await response.json().catch(() => null);
        if (data && aside) paint(aside, data.findings);
      }, 400);
    });
  });
})();
