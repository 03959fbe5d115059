// Kithkin's only script: small enhancements; every page also works without it.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

// Forms marked data-inplace post in the background and replace their target in place.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.inplace) return;
  event.preventDefault();
  const status = document.getElementById("status");
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() },
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({ error: "unexpected answer" }));
  if (status) {
    status.textContent = data.message || data.error || "";
    status.hidden = false;
  }
  if (response.ok) {
    const gone = form.closest(form.dataset.inplace);
    if (gone) gone.remove();
  }
});
