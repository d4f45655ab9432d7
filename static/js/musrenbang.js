// "Pakai lokasi saya": fills the usulan's latitude and longitude from the phone's location. Without
// JavaScript (or without a location) the button stays hidden and the two fields are typed or left empty.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector("[data-locate]");
  var status = document.querySelector("[data-locate-status]");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!button || !latitude || !longitude || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done;
      },
      function () {
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });
});
