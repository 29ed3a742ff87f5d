// Admin analytics: draws the Chart.js specs of the page, colours the heatmap.
(function () {
  "use strict";
  var palette = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#e53e3e",
                 "#319795", "#d69e2e", "#718096", "#b83280", "#2c5282"];
  var specs = JSON.parse(document.getElementById("analytics-charts").textContent);
  window.analyticsCharts = specs.map(function (spec) {
    var canvas = document.getElementById(spec.id);
    var axisIndex = spec.horizontal ? "y" : "x";
    return new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return {
            label: d.label, data: d.data,
            backgroundColor: palette[i % palette.length],
            borderColor: palette[i % palette.length],
            fill: false,
          };
        }),
      },
      options: {
        indexAxis: axisIndex,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: spec.title },
          legend: { display: true, position: "bottom" },
        },
        scales: {
          x: { stacked: spec.stacked, title: { display: true, text: spec.x_title } },
          y: { stacked: spec.stacked, beginAtZero: true,
               title: { display: true, text: spec.y_title } },
        },
      },
    });
  });
  document.querySelectorAll("table[data-heatmap]").forEach(function (table) {
    var cells = table.querySelectorAll("tbody td");
    var max = 0;
    cells.forEach(function (td) { max = Math.max(max, Number(td.textContent) || 0); });
    cells.forEach(function (td) {
      var v = (Number(td.textContent) || 0) / (max || 1);
      td.style.backgroundColor = "rgba(43, 108, 176, " + v.toFixed(2) + ")";
      td.style.color = v > 0.55 ? "#fff" : "#000";
    });
  });
})();
