// wirelint HTML report: the page's only script, inlined by formats/html.py and allowed
// by the page's Content-Security-Policy through its hash.  It reads the rules and the
// findings from JSON blocks and builds the detail panel with textContent (never
// innerHTML), so no string from an article or a plugin ever becomes markup.
(function () {
  "use strict";
  var rules = JSON.parse(document.getElementById("wl-rules").textContent);
  var panel = document.getElementById("wl-panel");
  var cache = new Map();

  function findings(section) {
    if (!cache.has(section)) {
      var block = section.querySelector("script.wl-findings");
      cache.set(section, block ? JSON.parse(block.textContent) : []);
    }
    return cache.get(section);
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function para(label, text) {
    var p = el("p");
    p.appendChild(el("strong", label));
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function clear() {
    document.querySelectorAll(".active").forEach(function (e) {
      e.classList.remove("active");
    });
  }

  function hide() {
    panel.hidden = true;
    clear();
  }

  function show(section, indices) {
    clear();
    var all = findings(section);
    panel.replaceChildren();
    var close = el("button", "\u00d7", "close");
    close.type = "button";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", hide);
    panel.appendChild(close);
    indices.forEach(function (i) {
      var f = all[i];
      if (!f) return;
      var r = rules[f.code] || {};
      panel.appendChild(el("h3", f.code + " " + (f.name || r.name || "")));
      if (r.summary) panel.appendChild(el("p", r.summary));
      panel.appendChild(para("Here: ", f.message + " (line " + f.line + ", column " +
        f.col + ", confidence " + f.confidence.toFixed(2) + ")"));
      if (f.suggestion !== null) {
        panel.appendChild(para(f.safe ? "Fix: " : "Suggestion (unsafe fix): ",
          f.suggestion === "" ? "delete it" : "\u201c" + f.suggestion + "\u201d"));
      }
      if (r.why) panel.appendChild(para("Why it matters: ", r.why));
      if (r.use_instead) panel.appendChild(para("Write instead: ", r.use_instead));
      section.querySelectorAll('[data-f~="' + i + '"]').forEach(function (e) {
        e.classList.add("active");
      });
    });
    panel.hidden = false;
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest("mark.hl[data-f],tr.finding");
    if (!target) {
      if (!panel.contains(ev.target)) hide();
      return;
    }
    var section = target.closest("section.doc");
    if (!section) return;
    var indices = target.getAttribute("data-f").split(" ").filter(Boolean).map(Number);
    show(section, indices);
    if (target.tagName === "TR") {
      var mark = section.querySelector('pre mark.hl[data-f~="' + indices[0] + '"]');
      if (mark) mark.scrollIntoView({block: "center"});
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      hide();
    } else if (ev.key === "Enter" && ev.target.matches && ev.target.matches("mark.hl")) {
      ev.target.click();
    }
  });

  document.body.setAttribute("data-wl-ready", "1");
})();
