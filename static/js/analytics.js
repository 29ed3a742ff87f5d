// Admin analytics: draws the page's Chart.js specs (tracker/analytics/charts.py).
// Bars and lines with every label on name axes, shares on a % axis, and
// heatmaps (chartjs-chart-matrix) with each cell's count written in it, so
// nothing needs hovering to be read.
(function () {
  "use strict";
  var palette = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#e53e3e",
                 "#319795", "#d69e2e", "#718096", "#b83280", "#2c5282"];
  var kindColours = {restricted: "#2b6cb0", permissive: "#e53e3e",
                     unknown: "#d69e2e", undeclared: "#a0aec0"};
  var specs = JSON.parse(document.getElementById("analytics-charts").textContent);

  function percent(value) { return Math.round(value * 1000) / 10 + "%"; }

  function colour(label, i) { return kindColours[label] || palette[i % palette.length]; }

  function valueAxis(axis, stacked) {
    var options = {
      type: axis.log ? "logarithmic" : "linear",
      stacked: stacked,
      beginAtZero: !axis.log,
      title: {display: !!axis.title, text: axis.title},
      ticks: {},
    };
    if (axis.max !== undefined && axis.max !== null) options.max = axis.max;
    if (axis.min !== undefined && axis.min !== null) options.min = axis.min;
    if (axis.percent) options.ticks.callback = percent;
    if (axis.log) {
      // Bars of 1 stay visible; labels at powers of ten only.
      options.min = 0.5;
      options.ticks.callback = function (value) {
        var power = Math.log10(value);
        return Number.isInteger(power) ? value.toLocaleString() : "";
      };
    }
    return options;
  }

  function barOrLine(spec) {
    var horizontal = !!spec.horizontal;
    var axes = spec.axes || {};
    var value = valueAxis(axes.value || {}, spec.stacked);
    var category = {
      stacked: spec.stacked,
      title: {display: !!(axes.category || {}).title, text: (axes.category || {}).title},
      ticks: {autoSkip: !(axes.category || {}).all_labels, maxRotation: 60},
    };
    var scales = {};
    scales[horizontal ? "x" : "y"] = value;
    scales[horizontal ? "y" : "x"] = category;
    if (axes.y1) {
      scales.y1 = valueAxis(axes.y1, false);
      scales.y1.position = "right";
      scales.y1.grid = {drawOnChartArea: false};
      if (axes.y1.percent) { scales.y1.min = 0; scales.y1.max = 1; }
    }
    var datasets = spec.datasets.map(function (d, i) {
      var c = colour(d.label, i);
      var line = (d.type || spec.type) === "line";
      var set = {
        label: d.label, data: d.data, backgroundColor: c, borderColor: c,
        fill: false, pointRadius: 3, borderWidth: line ? 2 : 0,
      };
      if (d.type) set.type = d.type;
      if (d.axis) set.yAxisID = d.axis;
      if (spec.span_gaps) {
        set.spanGaps = true;
        // A stretch over quarters without a value is dashed, not drawn solid.
        set.segment = {borderDash: function (ctx) {
          return ctx.p0.skip || ctx.p1.skip ? [6, 6] : undefined;
        }};
      }
      return set;
    });
    return {
      type: spec.type,
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: {mode: "index", intersect: false},
        plugins: {
          title: {display: spec.show_title !== false, text: spec.title, font: {size: 14}},
          legend: {display: spec.datasets.length > 1, position: "bottom"},
          tooltip: {callbacks: {label: function (ctx) {
            var v = ctx.parsed[horizontal ? "x" : "y"];
            var pct = (spec.datasets[ctx.datasetIndex] || {}).percent;
            return ctx.dataset.label + ": " + (pct ? percent(v) : v);
          }}},
        },
        scales: scales,
      },
    };
  }

  // Writes each cell's count in the middle of its rectangle.
  var cellValues = {
    id: "cellValues",
    afterDatasetsDraw: function (chart, args, options) {
      var ctx = chart.ctx;
      var meta = chart.getDatasetMeta(0);
      var max = options.max || 1;
      ctx.save();
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.font = "11px sans-serif";
      meta.data.forEach(function (element, i) {
        var cell = chart.data.datasets[0].data[i];
        var props = element.getProps(["x", "y", "width", "height"], true);
        var t = Math.log(1 + cell.v) / Math.log(1 + max);
        ctx.fillStyle = t > 0.6 ? "#fff" : "#1a202c";
        ctx.fillText(cell.v.toLocaleString(), props.x + props.width / 2,
                     props.y + props.height / 2);
      });
      ctx.restore();
    },
  };

  function heatmap(spec) {
    var max = spec.max || 1;
    var cols = spec.x_labels.length || 1;
    var rows = spec.y_labels.length || 1;
    return {
      type: "matrix",
      data: {datasets: [{
        label: spec.label,
        data: spec.cells,
        backgroundColor: function (ctx) {
          var cell = ctx.dataset.data[ctx.dataIndex];
          if (!cell || !cell.v) return "#f7fafc";
          // Log scale: a few large cells would otherwise wash out the rest.
          var t = Math.log(1 + cell.v) / Math.log(1 + max);
          return "rgba(43, 108, 176, " + (0.12 + 0.88 * t).toFixed(3) + ")";
        },
        borderColor: "#ffffff",
        borderWidth: 1,
        width: function (ctx) { var a = ctx.chart.chartArea; return a ? a.width / cols - 1 : 0; },
        height: function (ctx) { var a = ctx.chart.chartArea; return a ? a.height / rows - 1 : 0; },
      }]},
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: {display: spec.show_title !== false, text: spec.title, font: {size: 14}},
          legend: {display: false},
          cellValues: {max: max},
          tooltip: {callbacks: {
            title: function () { return ""; },
            label: function (ctx) {
              var c = ctx.raw;
              return c.y + " × " + c.x + ": " + c.v;
            },
          }},
        },
        scales: {
          x: {type: "category", labels: spec.x_labels, position: "top", offset: true,
              grid: {display: false}, ticks: {autoSkip: false, maxRotation: 60, minRotation: 45}},
          y: {type: "category", labels: spec.y_labels, offset: true, reverse: false,
              grid: {display: false}, ticks: {autoSkip: false}},
        },
      },
      plugins: [cellValues],
    };
  }

  window.analyticsCharts = specs.map(function (spec) {
    var canvas = document.getElementById(spec.id);
    return new Chart(canvas, spec.type === "matrix" ? heatmap(spec) : barOrLine(spec));
  });
})();
