/* Charts of the public dashboards (Apache ECharts, served from static/vendor/echarts).
 *
 * Each chart is an element <div class="chart" data-chart="ID" role="img" aria-label="…"> whose data sits
 * in <script type="application/json" id="ID"> (Django's json_script), shaped as
 *   {kind: "hbar" | "bar" | "line" | "stacked", title, percent, categories: [...],
 *    series: [{name, unit, values: [number|null], labels: ["hơn 23.000", ...]}]}.
 * The table beside each chart holds the same figures: the chart is decoration and the page works without it.
 * No inline script or style attribute is needed (Content Security Policy); sizes set here go through CSSOM.
 */
(function () {
  "use strict";

  var PALETTE = ["#0b4ea2", "#a4161a", "#1e6b34", "#8a5a00", "#5b3f99", "#00707a"];
  var FONT = '"Be Vietnam Pro", system-ui, sans-serif';
  var lang = (document.documentElement.getAttribute("lang") || "vi").toLowerCase();
  var numbers = new Intl.NumberFormat(lang.indexOf("en") === 0 ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });

  function formatValue(value, percent) {
    if (value === null || value === undefined || isNaN(value)) {
      return "";
    }
    return numbers.format(value) + (percent ? " %" : "");
  }

  function shorten(text, size) {
    return text.length > size ? text.slice(0, size - 1) + "…" : text;
  }

  function tooltip(data) {
    return {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      renderMode: "richText",
      confine: true,
      textStyle: { fontFamily: FONT, fontSize: 13 },
      formatter: function (items) {
        var lines = [];
        items = Array.isArray(items) ? items : [items];
        if (items.length) {
          lines.push(data.categories[items[0].dataIndex]);
        }
        items.forEach(function (item) {
          var serie = data.series[item.seriesIndex];
          var label = serie.labels[item.dataIndex] || formatValue(item.value, data.percent);
          if (label) {
            lines.push((data.series.length > 1 ? serie.name + ": " : "") + label);
          }
        });
        return lines.join("\n");
      },
    };
  }

  function valueAxis(data, horizontal, width) {
    var axis = {
      type: "value",
      splitNumber: width < 560 ? 3 : 5,
      axisLabel: {
        show: !(horizontal && width < 560),
        fontFamily: FONT,
        color: "#333a42",
        formatter: function (value) { return formatValue(value, data.percent); },
      },
      splitLine: { lineStyle: { color: "#e3e7eb" } },
    };
    if (data.percent) {
      axis.max = 100;
      axis.min = 0;
    }
    return axis;
  }

  function categoryAxis(data, horizontal, width) {
    var size = horizontal ? Math.max(12, Math.floor(width / 14)) : 14;
    return {
      type: "category",
      data: data.categories,
      inverse: horizontal,
      axisTick: { show: false },
      axisLabel: {
        fontFamily: FONT,
        color: "#1b1f24",
        interval: 0,
        width: horizontal ? Math.floor(width * 0.36) : Math.max(60, Math.floor(width / Math.max(1, data.categories.length)) - 8),
        overflow: "break",
        lineHeight: 15,
        formatter: function (value) { return shorten(value, size * 3); },
      },
    };
  }

  function barLabel(serie, data, position) {
    return {
      show: true,
      position: position,
      fontFamily: FONT,
      color: "#1b1f24",
      formatter: function (item) {
        return data.percent ? formatValue(item.value, true) : serie.labels[item.dataIndex] || "";
      },
    };
  }

  function option(data, width) {
    var horizontal = data.kind === "hbar";
    var stacked = data.kind === "stacked";
    var series = data.series.map(function (serie, index) {
      return {
        name: serie.name,
        type: data.kind === "line" ? "line" : "bar",
        stack: stacked ? "all" : undefined,
        data: serie.values,
        barMaxWidth: 36,
        symbolSize: 8,
        itemStyle: { color: PALETTE[index % PALETTE.length] },
        label: stacked ? { show: false } : barLabel(serie, data, horizontal ? "right" : "top"),
      };
    });
    var grid = horizontal
      ? { left: Math.floor(width * 0.38), right: 84, top: 16, bottom: 28 }
      : { left: 56, right: 24, top: stacked ? 48 : 28, bottom: 56 };
    return {
      animation: false,
      aria: { enabled: false },
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      grid: grid,
      legend: stacked || data.series.length > 1
        ? { top: 4, textStyle: { fontFamily: FONT }, type: "scroll" }
        : { show: false },
      tooltip: tooltip(data),
      xAxis: horizontal ? valueAxis(data, true, width) : categoryAxis(data, false, width),
      yAxis: horizontal ? categoryAxis(data, true, width) : valueAxis(data, false, width),
      series: series,
    };
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || !window.echarts) {
      return null;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
    if (!data || !data.categories || !data.categories.length) {
      element.classList.add("chart-empty");
      return null;
    }
    if (data.kind === "hbar") {
      element.style.height = Math.max(180, 56 + data.categories.length * 40) + "px";
    }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(data, element.clientWidth || 480));
    return { chart: chart, data: data, element: element };
  }

  function start() {
    var charts = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (element) {
      var drawn = draw(element);
      if (drawn) {
        charts.push(drawn);
      }
    });
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        charts.forEach(function (item) {
          item.chart.resize();
          item.chart.setOption(option(item.data, item.element.clientWidth || 480));
        });
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
