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

  // Fetch a fragment of a page (the server answers the RR-Partial header with just the part asked for).
  function fetchFragment(url) {
    return fetch(url, { headers: { "RR-Partial": "1" }, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      return template.content;
    });
  }

  function busy(link, text) {
    link.setAttribute("aria-busy", "true");
    link.dataset.label = link.textContent;
    link.textContent = text;
  }

  function follow(link) { window.location.href = link.href; }  // any failure: do what the link says

  var handlers = {
    // "Muat lebih banyak": append the next page of replies in place of the link.
    "data-load-more": function (link) {
      busy(link, "Memuat…");
      fetchFragment(link.href).then(function (fragment) {
        link.parentNode.replaceWith(fragment);
      }).catch(function () { follow(link); });
    },
    // "Lihat N balasan": the whole thread in place of its first few replies.
    "data-expand-thread": function (link) {
      var thread = document.getElementById(link.getAttribute("data-expand-thread"));
      busy(link, "Memuat…");
      fetchFragment(link.href).then(function (fragment) {
        var holder = thread.querySelector(":scope > .replies");
        if (!holder) {
          holder = document.createElement("div");
          holder.className = "replies";
          link.parentNode.before(holder);
        }
        holder.replaceChildren(fragment);
        link.parentNode.remove();
      }).catch(function () { follow(link); });
    },
    // "Balas" on a reply: its form opens right below it.
    "data-inline-form": function (link) {
      var actions = link.parentNode;
      var open = actions.nextElementSibling;
      if (open && open.classList.contains("inline-answer")) {
        open.querySelector("textarea").focus();
        return;
      }
      fetchFragment(link.href).then(function (fragment) {
        actions.after(fragment);
        actions.nextElementSibling.querySelector("textarea").focus();
      }).catch(function () { follow(link); });
    }
  };

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    for (var attribute in handlers) {
      if (link.hasAttribute(attribute)) {
        event.preventDefault();
        if (link.getAttribute("aria-busy") !== "true") handlers[attribute](link);
        return;
      }
    }
  });

  // "Kirim" pressed twice sends once (the server also refuses the duplicate).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    var button = form.querySelector("button[type=submit]");
    if (button) button.setAttribute("aria-disabled", "true");
  });

  document.addEventListener("DOMContentLoaded", function () {
    var kecamatan = document.getElementById("id_kecamatan");
    var desa = document.getElementById("id_desa");
    if (kecamatan && desa) linkDesaToKecamatan(kecamatan, desa);
  });
})();
