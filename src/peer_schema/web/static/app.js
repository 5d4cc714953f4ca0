// peer_schema web: the one script (no build step, no other host). It only marks the drop zone
// while files are dragged over it; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var zone = document.querySelector(".drop");
  if (!zone) { return; }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
});
