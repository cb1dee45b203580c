// While a report is being built, ask for its state every two seconds and reload when it ends.
(function () {
  var box = document.getElementById("report-state");
  if (!box || box.dataset.unfinished !== "true") return;
  var label = document.getElementById("report-label");
  var progress = document.getElementById("report-progress");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.status === "done" || s.status === "failed" || s.delayed || s.stalled) { window.location.reload(); return; }
        label.textContent = s.label;
        progress.textContent = s.progress ? ": " + s.progress : "";
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1500);
})();
