// Inline checks in the figure table editor (the server checks again on save; the page works without this).
(function () {
  "use strict";
  var rulesNode = document.getElementById("indicator-rules");
  var form = document.querySelector("form[data-editor=figures]");
  if (!rulesNode || !form) { return; }
  var rules = JSON.parse(rulesNode.textContent);
  var messages = rules._messages || {};

  function parse(text) {
    text = (text || "").replace(/\s/g, "");
    if (!text) { return null; }
    if (text.indexOf(",") >= 0) { text = text.replace(/\./g, "").replace(",", "."); }
    else if (/^\d{1,3}(\.\d{3})+$/.test(text)) { text = text.replace(/\./g, ""); }
    var number = Number(text);
    return isNaN(number) ? NaN : number;
  }

  function show(row, name, message) {
    var node = row.querySelector(".live-error[data-for$='-" + name + "']");
    if (!node) { return; }
    node.textContent = message || "";
    node.hidden = !message;
  }

  function check(row) {
    var indicator = row.querySelector("select[name$='-indicator']");
    var breakdown = row.querySelector("select[name$='-breakdown']");
    var value = parse((row.querySelector("input[name$='-value']") || {}).value);
    var outOf = parse((row.querySelector("input[name$='-out_of']") || {}).value);
    var rule = indicator ? rules[indicator.value] : null;
    var valueError = "", outOfError = "", breakdownError = "";
    if (Number.isNaN(value)) { valueError = messages.number; }
    else if (value !== null && value < 0) { valueError = messages.negative; }
    else if (value !== null && rule && !rule.decimals && Math.floor(value) !== value) { valueError = messages.decimals; }
    else if (value !== null && outOf !== null && !Number.isNaN(outOf) && value > outOf) { valueError = messages.above; }
    if (Number.isNaN(outOf)) { outOfError = messages.number; }
    else if (outOf !== null && rule && !rule.out_of) { outOfError = messages.no_out_of; }
    if (rule && breakdown && breakdown.value && rule.breakdowns.indexOf(breakdown.value) < 0) { breakdownError = messages.breakdown; }
    show(row, "value", valueError);
    show(row, "out_of", outOfError);
    show(row, "breakdown", breakdownError);
  }

  form.addEventListener("input", function (event) {
    var row = event.target.closest("tr.editor-row");
    if (row) { check(row); }
  });
  form.addEventListener("change", function (event) {
    var row = event.target.closest("tr.editor-row");
    if (row) { check(row); }
  });
})();
