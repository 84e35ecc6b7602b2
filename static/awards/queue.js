// "Select all" for the approved certifications of the police queue (the page works without it).
document.addEventListener("DOMContentLoaded", function () {
  var all = document.getElementById("aw-select-all");
  if (!all) return;
  all.hidden = false;
  all.addEventListener("change", function () {
    document.querySelectorAll("input[name=certifications]").forEach(function (box) { box.checked = all.checked; });
  });
});
