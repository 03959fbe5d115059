// Kithkin's only script: small enhancements; every page also works without it.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

// What an answer says: {"message"} / {"error"} from JSON, or the error page's one line.
async function answerText(response) {
  const kind = response.headers.get("content-type") || "";
  if (kind.includes("application/json")) {
    const data = await response.json().catch(() => ({}));
    return data.message || data.error || "";
  }
  const html = await response.text().catch(() => "");
  const doc = new DOMParser().parseFromString(html, "text/html");
  const line = doc.querySelector("main [role=alert], main .error, main .said");
  return line ? line.textContent.trim() : (response.ok ? "" : "That did not work (" + response.status + ").");
}

async function postForm(form) {
  return fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { "Accept": "application/json", "X-CSRF-Token": csrfToken() },
    credentials: "same-origin",
  });
}

// The page's live status line: #status if the page has one, else one made at the top of <main>.
function statusLine() {
  let status = document.getElementById("status");
  if (!status) {
    const main = document.getElementById("main");
    if (!main) return null;
    status = document.createElement("p");
    status.id = "status";
    status.className = "said";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    main.prepend(status);
  }
  return status;
}

function say(element, text, ok) {
  if (!element) return;
  element.textContent = text;
  element.hidden = !text;
  element.classList.toggle("error", !ok);
}

// Forms marked data-inplace post in the background and remove their target in place.
async function inplace(form) {
  let response;
  try {
    response = await postForm(form);
  } catch (err) {
    say(statusLine(), "Kithkin did not answer: is the server running?", false);
    return;
  }
  say(statusLine(), await answerText(response), response.ok);
  if (response.ok) {
    const gone = form.closest(form.dataset.inplace);
    if (gone) gone.remove();
  }
}

// After a quick log, the page's content is fetched again so it shows the new moment.
async function refreshMain() {
  const main = document.getElementById("main");
  if (!main) return;
  const response = await fetch(location.href, { credentials: "same-origin" }).catch(() => null);
  if (!response || !response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = doc.getElementById("main");
  if (fresh) main.replaceChildren(...fresh.childNodes);
}

async function quicklog(form) {
  const status = form.querySelector(".ql-status");
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
  try {
    const response = await postForm(form);
    const text = await answerText(response);
    say(status, text, response.ok);
    if (response.ok) {
      form.reset();
      await refreshMain();
    }
  } catch (err) {
    say(status, "Kithkin did not answer: is the server running?", false);
  } finally {
    if (button) button.disabled = false;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.inplace) {
    event.preventDefault();
    inplace(form);
  } else if (form.hasAttribute("data-quicklog")) {
    event.preventDefault();
    quicklog(form);
  } else if (form.dataset.liveSearch) {
    event.preventDefault();
    liveSearch(form);
  }
});

// Escape closes the quick log and puts the focus back on its toggle.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = event.target instanceof Element && event.target.closest("details.quicklog[open]");
  if (open) {
    open.open = false;
    const summary = open.querySelector("summary");
    if (summary) summary.focus();
  }
});

// Search as you type: the results part of the page is asked for again (?partial=1).
let searching = null;
let searchTimer = 0;

async function liveSearch(form) {
  const target = document.querySelector(form.dataset.liveSearch);
  if (!target) return;
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim()) params.set(key, value.trim());
  }
  const query = params.toString();
  history.replaceState(null, "", form.action + (query ? "?" + query : ""));
  params.set("partial", "1");
  if (searching) searching.abort();
  searching = new AbortController();
  try {
    const response = await fetch(form.action + "?" + params.toString(), {
      credentials: "same-origin",
      signal: searching.signal,
    });
    if (response.ok) {
      target.innerHTML = await response.text();
    } else {
      target.replaceChildren();
      const line = document.createElement("p");
      line.className = "error";
      line.setAttribute("role", "alert");
      line.textContent = await answerText(response);
      target.append(line);
    }
  } catch (err) {
    if (err.name !== "AbortError") throw err;
  }
}

function scheduleSearch(event) {
  const form = event.target instanceof Element && event.target.closest("form[data-live-search]");
  if (!form) return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => liveSearch(form), event.type === "change" ? 0 : 180);
}

document.addEventListener("input", (event) => {
  if (event.target instanceof HTMLInputElement) scheduleSearch(event);
});
document.addEventListener("change", (event) => {
  if (event.target instanceof HTMLSelectElement) scheduleSearch(event);
});
