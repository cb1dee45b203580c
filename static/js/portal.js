// Wide tables scroll inside their own box on a narrow screen, never the whole page sideways.
// Each table sits in a .table-responsive box; a box that does scroll can be reached with the
// keyboard (tabindex) and is named after the table's caption, so it can be scrolled with arrows.
(function () {
  "use strict";

  function wrap(table) {
    var box = table.parentElement;
    if (box && box.classList.contains("table-responsive")) return box;
    box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  function label(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.trim().replace(/\s+/g, " ") : "";
    return text ? text + " (scrolls sideways)" : "Table (scrolls sideways)";
  }

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.portalScroll = "1";
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", label(box));
      }
    } else if (!scrolls && box.dataset.portalScroll === "1") {
      box.removeAttribute("tabindex");
      delete box.dataset.portalScroll;
    }
  }

  function boxes() {
    var found = [];
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".js-plotly-plot")) return;
      var box = wrap(table);
      if (found.indexOf(box) < 0) found.push(box);
    });
    return found;
  }

  function run() {
    var all = boxes();
    all.forEach(mark);
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { all.forEach(mark); }, 100);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();

// A page waiting on background work (an export being written) reloads itself every few seconds
// until the work is done: its status box says how often (data-reload-after, in seconds). A
// script, not <meta http-equiv="refresh">, which screen readers announce as a page change the
// reader did not ask for.
(function () {
  "use strict";
  var box = document.querySelector("[data-reload-after]");
  if (!box) return;
  var seconds = Number(box.dataset.reloadAfter) || 3;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
