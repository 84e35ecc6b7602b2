// Review page convenience (the page works without it): changing a value in a row selects "Correct".
(function () {
  "use strict";
  document.querySelectorAll("[data-review-row]").forEach(function (row) {
    var correct = row.querySelector('input[type="radio"][value="correct"]');
    if (!correct) { return; }
    row.querySelectorAll("select, input:not([type=radio]):not([type=hidden])").forEach(function (field) {
      field.addEventListener("change", function () { correct.checked = true; });
    });
  });
})();
