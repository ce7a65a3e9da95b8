// sitat web UI: the hover/click card on marked quotes and speaker mentions (like displaCy).
// Everything shown comes from the page's JSON and is set with textContent, never as HTML.
(function () {
  "use strict";
  const dataEl = document.getElementById("sitat-popups");
  const card = document.getElementById("sitat-card");
  if (!dataEl || !card) return;
  const data = JSON.parse(dataEl.textContent);
  let pinned = null;

  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = String(value);
    dl.append(dt, dd);
  }

  function speakerPart(speaker) {
    const part = document.createDocumentFragment();
    const h = document.createElement("h3");
    if (speaker && speaker.name) {
      if (speaker.url && /^\/talere\/\d+$/.test(speaker.url)) {
        const a = document.createElement("a");
        a.href = speaker.url;
        a.textContent = speaker.name;
        h.append(a);
      } else {
        h.textContent = speaker.name;
      }
    } else {
      h.textContent = "Ukjent kilde";
    }
    part.append(h);
    const dl = document.createElement("dl");
    if (speaker) {
      if (speaker.as_named && speaker.as_named !== speaker.name) row(dl, "Omtalt som", speaker.as_named);
      row(dl, "Rolle", speaker.role);
      row(dl, "Organisasjon", speaker.organisation);
      row(dl, "Parti", speaker.party);
      row(dl, "Land", speaker.country);
      row(dl, "Kjønn", speaker.gender);
    }
    part.append(dl);
    return [part, dl];
  }

  function fill(el) {
    card.replaceChildren();
    const q = el.dataset.q !== undefined ? data.quotes[el.dataset.q] : null;
    if (q) {
      const [part, dl] = speakerPart(q.speaker);
      card.append(part);
      row(dl, "Type", q.type);
      row(dl, "Sitatverb", q.cue);
      row(dl, "Kilden omtalt", q.mention);
      if (typeof q.confidence === "number") row(dl, "Sikkerhet", Math.round(q.confidence * 100) + " %");
      return true;
    }
    const s = el.dataset.s !== undefined ? data.speakers[el.dataset.s] : null;
    if (s) {
      card.append(speakerPart(s)[0]);
      return true;
    }
    return false;
  }

  function activate(id, on) {
    if (id === undefined) return;
    document.querySelectorAll('.q[data-q="' + CSS.escape(id) + '"]').forEach((e) => e.classList.toggle("active", on));
  }

  function show(el) {
    if (!fill(el)) return;
    const r = el.getBoundingClientRect();
    card.hidden = false;
    card.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8)) + "px";
    card.style.top = (window.scrollY + r.bottom + 6) + "px";
    activate(el.dataset.q, true);
  }

  function hide(el) {
    if (pinned) return;
    card.hidden = true;
    if (el) activate(el.dataset.q, false);
  }

  const target = (e) => e.target.closest && e.target.closest("[data-q], [data-s]");
  document.addEventListener("mouseover", (e) => { const el = target(e); if (el && !pinned) show(el); });
  document.addEventListener("mouseout", (e) => { const el = target(e); if (el) hide(el); });
  document.addEventListener("focusin", (e) => { const el = target(e); if (el && !pinned) show(el); });
  document.addEventListener("click", (e) => {
    const el = target(e);
    if (el && el.tagName !== "A") {
      if (pinned) activate(pinned.dataset.q, false);
      pinned = null;
      show(el);
      pinned = el;
    } else if (!card.contains(e.target)) {
      if (pinned) activate(pinned.dataset.q, false);
      pinned = null;
      hide(null);
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { if (pinned) activate(pinned.dataset.q, false); pinned = null; hide(null); }
  });
})();
