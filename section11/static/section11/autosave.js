// Keeps a copy of what is typed into a standard in this browser until the server has saved it,
// so nothing is lost when a session times out or the page is closed before saving.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("standard-form");
  if (!form || !window.localStorage) return;
  var key = form.dataset.autosaveKey;
  var status = document.getElementById("autosave-status");
  var fields = form.querySelectorAll("textarea, select, input[type=text]");
  var hasErrors = form.querySelector(".is-invalid, .alert-danger") !== null;

  function snapshot() {
    var data = {};
    fields.forEach(function (f) { data[f.name] = f.value; });
    return data;
  }
  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  var params = new URLSearchParams(window.location.search);

  if (stored && !hasErrors) {
    var differs = false;
    fields.forEach(function (f) { if (f.name in stored.values && stored.values[f.name] !== f.value) differs = true; });
    if (differs && stored.version === form.dataset.savedVersion) {
      fields.forEach(function (f) { if (f.name in stored.values) f.value = stored.values[f.name]; });
      if (status) status.textContent = "Unsaved text from your last visit has been restored. Save to keep it.";
    } else if (!differs || params.has("saved")) {
      localStorage.removeItem(key);
    } else if (status) {
      status.textContent = "Text you typed earlier was not saved, and someone has saved this standard since. " +
        "It is kept in this browser: save again to compare.";
    }
  }
  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      localStorage.setItem(key, JSON.stringify({ version: form.dataset.savedVersion, values: snapshot() }));
      if (status) status.textContent = "Your changes are kept in this browser until you save.";
    }, 400);
  });
  form.addEventListener("submit", function () {
    localStorage.setItem(key, JSON.stringify({ version: form.dataset.savedVersion, values: snapshot(), submitted: true }));
  });
});
