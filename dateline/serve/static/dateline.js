// dateline article page: highlight layers on/off, and an event's evidence lit up when chosen.
(function () {
  "use strict";
  function lightEvidence(n) {
    document.querySelectorAll(".hl-evidence.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".event-list li.active").forEach(function (el) { el.classList.remove("active"); });
    if (n === null) { return; }
    document.querySelectorAll(".hl-evidence[data-ev]").forEach(function (el) {
      if (el.getAttribute("data-ev").split(" ").indexOf(n) >= 0) { el.classList.add("active"); }
    });
    var item = document.querySelector('.event-list li[data-ev="' + n + '"]');
    if (item) { item.classList.add("active"); }
  }
  function fromHash() {
    var m = /^#ev-(\d+)$/.exec(window.location.hash);
    lightEvidence(m ? m[1] : null);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("text");
    document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        if (text) { text.classList.toggle("show-" + box.getAttribute("data-layer"), box.checked); }
      });
    });
    document.querySelectorAll(".hl-evidence[data-ev]").forEach(function (el) {
      el.addEventListener("click", function () {
        window.location.hash = "ev-" + el.getAttribute("data-ev").split(" ")[0];
      });
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  });
})();
