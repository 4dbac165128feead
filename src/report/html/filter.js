(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var cards = document.querySelectorAll("article.card");
  var shown = document.getElementById("shown");
  function checked(name) {
    var out = {};
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) out[boxes[i].value] = true;
    return out;
  }
  function apply() {
    var kinds = checked("kind"), sevs = checked("severity");
    var src = form.querySelector("select").value;
    var n = 0;
    for (var i = 0; i < cards.length; i++) {
      var c = cards[i];
      var ok = kinds[c.getAttribute("data-kind")] && sevs[c.getAttribute("data-severity")] &&
        (src === "" || (" " + c.getAttribute("data-sources") + " ").indexOf(" " + src + " ") >= 0);
      c.hidden = !ok;
      if (ok) n++;
    }
    var groups = document.querySelectorAll("section.kind");
    for (var g = 0; g < groups.length; g++) {
      groups[g].hidden = !groups[g].querySelector("article.card:not([hidden])");
    }
    shown.textContent = n + " of " + cards.length + " findings shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
