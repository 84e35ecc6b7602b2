/* The area picker: type a few letters (no diacritics needed) or an official code, choose with the arrow
   keys and Enter (or a click). Matches come from the admin-units API, limited to the signed-in user's areas
   (capability) and to the units that existed on the record's date (the form's date fields). The chosen
   unit's key ("2025:16174") goes into the hidden field; the server checks everything again. */
(function () {
  "use strict";
  if (window.areaPickerLoaded) return;
  window.areaPickerLoaded = true;

  // dd/mm/yyyy (or yyyy-mm-dd) → yyyy-mm-dd, or "" when it does not parse.
  function isoDate(text) {
    text = (text || "").trim();
    var m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(text);
    if (m) return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return m ? text : "";
  }

  function setup(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector(".area-picker-input");
    var hidden = root.querySelector("[data-area-key]");
    var chosen = root.querySelector("[data-area-chosen]");
    var list = root.querySelector(".area-picker-list");
    var matches = root.querySelector(".area-picker-matches");
    var dateIds = (root.dataset.dateIds || "").split(" ").filter(Boolean);
    var items = [];
    var active = -1;
    var timer = null;
    var sequence = 0;
    var chosenLabel = input.value;

    // Once the script runs, the server's no-JS matches are offered in the list instead.
    if (matches) {
      matches.querySelectorAll("label").forEach(function (label) {
        var radio = label.querySelector("input");
        items.push({
          key: radio.value,
          label: label.querySelector("strong").textContent,
          detail: label.querySelector("small").textContent,
        });
      });
      matches.remove();
      if (items.length) render(items);
    }

    function day() {
      for (var i = 0; i < dateIds.length; i++) {
        var field = document.getElementById(dateIds[i]);
        var value = field && isoDate(field.value);
        if (value) return value;
      }
      return "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render(found, note) {
      list.textContent = "";
      items = found;
      active = -1;
      found.forEach(function (item, index) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + index;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.key = item.key;
        var strong = document.createElement("strong");
        strong.textContent = item.label;
        var small = document.createElement("small");
        small.textContent = item.detail;
        li.appendChild(strong);
        li.appendChild(small);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(li);
      });
      if (!found.length && note) {
        var empty = document.createElement("li");
        empty.className = "area-picker-note";
        empty.textContent = note;
        list.appendChild(empty);
      }
      list.hidden = !found.length && !note;
      input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      hidden.value = item.key;
      input.value = item.label;
      chosenLabel = item.label;
      chosen.textContent = item.detail;
      close();
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) {
        render([]);
        return;
      }
      var params = new URLSearchParams({ q: text, page_size: "20" });
      if (root.dataset.capability) params.set("capability", root.dataset.capability);
      if (root.dataset.levels && root.dataset.levels.indexOf(",") < 0) params.set("level", root.dataset.levels);
      var when = day();
      if (when) params.set("valid_on", when);
      var mine = ++sequence;
      render([], root.dataset.loading);
      fetch(root.dataset.searchUrl + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine !== sequence) return;
          var levels = (root.dataset.levels || "").split(",").filter(Boolean);
          var found = (data.results || [])
            .filter(function (unit) {
              return !levels.length || levels.indexOf(unit.level) >= 0;
            })
            .map(function (unit) {
              return { key: unit.key, label: unit.label, detail: unit.detail };
            });
          render(found, root.dataset.empty);
        })
        .catch(function () {
          if (mine === sequence) close();
        });
    }

    input.addEventListener("input", function () {
      if (input.value !== chosenLabel) {
        hidden.value = "";
        chosen.textContent = "";
      }
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) search();
        else highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && !list.hidden && items.length) {
        event.preventDefault(); // choosing, not submitting the form
        choose(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }

  function start() {
    document.querySelectorAll("[data-area-picker]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.areaPickerSetup = start;
})();
