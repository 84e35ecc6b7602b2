/* The figure grid (reports/entry_views.py): add rows without a reload, Enter moves to the next value, and a
   block pasted from Excel fills the grid. The server checks every row again; nothing here is trusted. */
(function () {
  "use strict";
  var form = document.querySelector("[data-entry-form]");
  if (!form) return;
  var status = document.querySelector("[data-entry-status]");
  var maxRows = parseInt(form.dataset.maxRows || "400", 10);

  function fold(text) {
    return (text || "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  // A copy of `row` with empty values and names/ids renumbered to the grid's next index.
  function cloneRow(row) {
    var grid = row.closest("[data-grid]");
    var count = grid.querySelectorAll("[data-row]").length;
    if (count >= maxRows) {
      say(form.dataset.maxMessage || "");
      return null;
    }
    var index = parseInt(grid.dataset.nextIndex, 10);
    grid.dataset.nextIndex = String(index + 1);
    var copy = row.cloneNode(true);
    copy.classList.remove("row-error");
    copy.querySelectorAll(".error-message").forEach(function (p) {
      p.remove();
    });
    copy.querySelectorAll(".field-error").forEach(function (cell) {
      cell.classList.remove("field-error");
    });
    copy.querySelectorAll("[name]").forEach(function (field) {
      field.name = field.name.replace(/^([ft])-\d+-/, "$1-" + index + "-");
      if (field.id) field.id = field.name;
      if (field.type === "text" || (field.type === "hidden" && /-note$/.test(field.name))) field.value = "";
      if (field.tagName === "SELECT" && !/-(indicator|breakdown|issuer|form|recipient_kind)$/.test(field.name)) {
        field.selectedIndex = 0;
      }
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    copy.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(/^([ft])-\d+-/, "$1-" + index + "-");
    });
    var name = copy.querySelector(".entry-indicator-name");
    if (name) name.classList.add("entry-repeat");
    wire(copy);
    return copy;
  }

  function addBreakdownRow(row) {
    var last = row;
    while (last.nextElementSibling && last.nextElementSibling.dataset.indicator === row.dataset.indicator) {
      last = last.nextElementSibling;
    }
    var copy = cloneRow(row);
    if (!copy) return null;
    // the next breakdown not used yet by this indicator's rows
    var used = [];
    var sibling = row;
    while (sibling && sibling.dataset.indicator === row.dataset.indicator) {
      used.push(sibling.querySelector("select[name$='-breakdown']").value);
      sibling = sibling.nextElementSibling;
    }
    var select = copy.querySelector("select[name$='-breakdown']");
    for (var i = 0; i < select.options.length; i++) {
      if (used.indexOf(select.options[i].value) < 0) {
        select.selectedIndex = i;
        break;
      }
    }
    last.after(copy);
    return copy;
  }

  function addAfterLast(container) {
    var rows = container.querySelectorAll("[data-row]");
    var copy = cloneRow(rows[rows.length - 1]);
    if (!copy) return null;
    rows[rows.length - 1].after(copy);
    return copy;
  }

  // Enter in a box moves to the next value box (Shift+Enter back) instead of submitting half a table.
  function onKey(event) {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    event.preventDefault();
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[data-value]"));
    var row = event.target.closest("[data-row]");
    var here = boxes.indexOf(row.querySelector("input[data-value]"));
    var next = boxes[here + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      next.select();
    }
  }

  function optionFor(select, text) {
    var wanted = fold(text);
    if (!wanted) return -1;
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (option.value && (fold(option.value) === wanted || fold(option.textContent) === wanted)) return i;
    }
    for (var j = 0; j < select.options.length; j++) {
      if (select.options[j].value && fold(select.options[j].textContent).indexOf(wanted) === 0) return j;
    }
    return -1;
  }

  function indicatorRows(code) {
    return Array.prototype.slice.call(form.querySelectorAll("[data-grid=figures] tr[data-indicator='" + code + "']"));
  }

  function findIndicator(text) {
    var wanted = fold(text);
    var rows = form.querySelectorAll("[data-grid=figures] tr[data-indicator]");
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (row.dataset.indicator === text.trim() || fold(row.dataset.indicatorName) === wanted) return row.dataset.indicator;
    }
    return null;
  }

  function pasteFigure(cells) {
    var code = findIndicator(cells[0]);
    if (!code) return false;
    var rows = indicatorRows(code);
    var breakdownText = (cells[2] || "").trim();
    function empty(row) {
      return !row.querySelector("input[data-value]").value.trim();
    }
    function wanted(row) {
      var select = row.querySelector("select[name$='-breakdown']");
      return breakdownText ? optionFor(select, breakdownText) : 0;
    }
    // a blank row already on that breakdown, else any blank row of the indicator, else a new row
    var target =
      rows.filter(function (row) {
        return empty(row) && row.querySelector("select[name$='-breakdown']").selectedIndex === wanted(row);
      })[0] || rows.filter(empty)[0];
    if (!target) target = addBreakdownRow(rows[0]);
    if (!target) return false;
    if (breakdownText) {
      var select = target.querySelector("select[name$='-breakdown']");
      var index = optionFor(select, breakdownText);
      if (index < 0) return false;
      select.selectedIndex = index;
    }
    target.querySelector("input[data-value]").value = (cells[1] || "").trim();
    var outOf = target.querySelector("input[name$='-out_of']");
    if (outOf && cells[3]) outOf.value = cells[3].trim();
    return true;
  }

  function pasteTally(cells) {
    var container = form.querySelector("[data-tally-rows]");
    var rows = Array.prototype.slice.call(container.querySelectorAll("[data-row]"));
    var target = rows.filter(function (row) {
      return !row.querySelector("input[data-value]").value.trim() && !row.querySelector("select").value;
    })[0];
    if (!target) target = addAfterLast(container);
    if (!target) return false;
    var selects = target.querySelectorAll("select");
    for (var i = 0; i < 3; i++) {
      var index = optionFor(selects[i], cells[i] || "");
      if (index < 0) return false;
      selects[i].selectedIndex = index;
    }
    target.querySelector("input[data-value]").value = (cells[3] || "").trim();
    return true;
  }

  function onPaste(event) {
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && text.indexOf("\n") < 0)) return; // one value: paste as usual
    event.preventDefault();
    var tallies = !!event.target.closest("[data-grid=tallies]");
    var filled = 0;
    var missed = [];
    text
      .replace(/\r/g, "")
      .split("\n")
      .forEach(function (line) {
        if (!line.trim()) return;
        var cells = line.split("\t");
        if ((tallies ? pasteTally : pasteFigure)(cells)) filled += 1;
        else missed.push(cells[0]);
      });
    var message = (form.dataset.pasteDone || "{n}").replace("{n}", filled);
    if (missed.length) message += " " + (form.dataset.pasteMissed || "") + " " + missed.join("; ");
    say(message);
  }

  function wire(root) {
    root.querySelectorAll("input[type=text]").forEach(function (input) {
      input.addEventListener("keydown", onKey);
      input.addEventListener("paste", onPaste);
    });
    root.querySelectorAll("[data-add-breakdown]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var copy = addBreakdownRow(button.closest("[data-row]"));
        if (copy) copy.querySelector("input[data-value]").focus();
      });
    });
  }

  wire(form);
  [
    ["[data-add-free]", "[data-free-rows]"],
    ["[data-add-tally]", "[data-tally-rows]"],
  ].forEach(function (pair) {
    var button = form.querySelector(pair[0]);
    var container = form.querySelector(pair[1]);
    if (!button || !container) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var copy = addAfterLast(container);
      if (copy) copy.querySelector("select, input[type=text]").focus();
    });
  });
  var summary = document.getElementById("entry-summary");
  if (summary) summary.focus();
})();
