// peer_schema web: the one script (no build step, nothing from another host). Every page works
// without it; with it, the check page shows its results without leaving the page, so the files
// stay chosen and the download buttons work at once (each still sends the files again: the
// server keeps nothing between two requests).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var zone = document.querySelector(".drop");
  var input = zone && zone.querySelector('input[type="file"]');
  if (zone && input) {
    // Without preventDefault the browser opens (or downloads) a dropped file and the page is lost.
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        if (event.dataTransfer) { event.dataTransfer.dropEffect = "copy"; }
        zone.classList.add("over");
      });
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      var dropped = event.dataTransfer && event.dataTransfer.files;
      if (!dropped || !dropped.length) { return; }
      var chosen = new DataTransfer();  // the input's own files list cannot be changed in place
      Array.prototype.forEach.call(input.multiple ? dropped : [dropped[0]], function (file) {
        chosen.items.add(file);
      });
      input.files = chosen.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    // A file dropped beside the box is refused rather than opened in place of the page.
    ["dragover", "drop"].forEach(function (name) {
      window.addEventListener(name, function (event) {
        if (zone.contains(event.target)) { return; }
        event.preventDefault();
        if (event.dataTransfer) { event.dataTransfer.dropEffect = "none"; }
      });
    });
  }
  var form = document.getElementById("check-form");
  if (!form || !window.fetch || !window.DOMParser) { return; }
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.value !== "page") { return; }  // downloads: an ordinary submit
    event.preventDefault();
    var data = new FormData(form);
    data.set("output", "page");
    button.disabled = true;
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (answer) { return answer.text(); })
      .then(function (text) {
        var answered = new DOMParser().parseFromString(text, "text/html");
        ["#results", ".problems"].forEach(function (selector) {
          var old = document.querySelector(selector);
          if (old) { old.remove(); }
        });
        var problems = answered.querySelector(".problems");
        if (problems) { document.querySelector("main").prepend(document.adoptNode(problems)); }
        var results = answered.querySelector("#results");
        if (results) {
          var again = results.querySelector(".choose-again");
          if (again) { again.remove(); }  // the files are still chosen
          form.after(document.adoptNode(results));
          results.scrollIntoView();
        }
      })
      .catch(function () { form.submit(); })
      .finally(function () { button.disabled = false; });
  });
});
