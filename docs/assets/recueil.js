/* Recueil: a link on every paragraph, copy the link or a ready-made citation, and bring
 * the paragraph named in the URL into view. Works from a server and from file://. */
(function () {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  }

  function toast(message) {
    var el = document.querySelector(".recueil-toast");
    if (!el) {
      el = document.createElement("div");
      el.className = "recueil-toast";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      document.body.appendChild(el);
    }
    el.textContent = message;
    el.classList.add("recueil-toast--visible");
    clearTimeout(el._timer);
    el._timer = setTimeout(function () { el.classList.remove("recueil-toast--visible"); }, 2000);
  }

  function urlFor(id) {
    return location.href.split("#")[0].split("?")[0] + "#" + id;
  }

  function citationFor(el) {
    var card = document.querySelector(".recueil-fiche");
    var source = card ? card.getAttribute("data-citation") : document.title;
    return source + ", " + el.getAttribute("data-label") + "\n" + urlFor(el.id);
  }

  function addActions(el) {
    var label = el.getAttribute("data-label");
    var box = document.createElement("span");
    box.className = "recueil-actions";

    var link = document.createElement("a");
    link.className = "recueil-lien";
    link.href = "#" + el.id;
    link.textContent = "¶";
    link.setAttribute("aria-label", "Lien vers le " + label);
    link.title = "Lien vers le " + label + " (copié dans le presse-papiers)";
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "#" + el.id);
      mark(el, false);
      copy(urlFor(el.id)).then(function () { toast("Lien copié : " + label); });
    });

    var cite = document.createElement("button");
    cite.type = "button";
    cite.className = "recueil-citer";
    cite.textContent = "❝";
    cite.setAttribute("aria-label", "Copier la citation du " + label);
    cite.title = "Copier la citation du " + label;
    cite.addEventListener("click", function () {
      copy(citationFor(el)).then(function () { toast("Citation copiée : " + label); });
    });

    box.appendChild(link);
    box.appendChild(cite);
    el.insertBefore(box, el.firstChild);
  }

  function mark(el, scroll) {
    document.querySelectorAll(".recueil-cible").forEach(function (x) { x.classList.remove("recueil-cible"); });
    el.classList.add("recueil-cible");
    if (scroll) { el.scrollIntoView({ block: "center" }); }
  }

  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (el && el.hasAttribute("data-redirect")) {
      // A retired anchor (kept in anchors.lock): go to where it now points.
      location.replace(el.getAttribute("data-redirect"));
    } else if (el) {
      mark(el, true);
    }
  }

  function init() {
    document.querySelectorAll(".md-content [data-label]").forEach(addActions);
    showTarget();
  }

  window.addEventListener("hashchange", showTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
