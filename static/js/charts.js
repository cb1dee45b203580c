// Draws every plotly figure on the page from the JSON data block next to it (no inline script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-plotly-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.plotlyFigure);
    if (!source || typeof Plotly === "undefined") return;
    var fig = JSON.parse(source.textContent);
    Plotly.newPlot(el, fig.data, fig.layout || {}, { responsive: true, displaylogo: false });
  });
});
