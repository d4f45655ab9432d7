// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Desa/kelurahan list: show only the chosen kecamatan's group (the server checks the pair anyway).
  function linkDesaToKecamatan(kecamatan, desa) {
    var groups = Array.prototype.slice.call(desa.querySelectorAll("optgroup"));
    function sync() {
      var chosen = kecamatan.options[kecamatan.selectedIndex];
      var name = chosen && chosen.value ? chosen.text : null;
      groups.forEach(function (group) {
        var match = name === null || group.label === name;
        group.hidden = !match;
        group.disabled = !match;
      });
      var selected = desa.options[desa.selectedIndex];
      if (selected && selected.parentNode.disabled) desa.value = "";
    }
    kecamatan.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var kecamatan = document.getElementById("id_kecamatan");
    var desa = document.getElementById("id_desa");
    if (kecamatan && desa) linkDesaToKecamatan(kecamatan, desa);
  });
})();
