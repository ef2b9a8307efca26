// Progressive enhancement for the "choose a time" step: changing day fetches that day's
// times from /api/availability/ instead of reloading the page. Without JavaScript the day
// links load the page with ?date=..., which shows the same times.
(function () {
  "use strict";
  var panel = document.getElementById("slot-panel");
  if (!panel || !window.fetch) return;
  var grid = document.getElementById("slot-grid");
  var heading = document.getElementById("slot-heading");
  var timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: panel.dataset.tz });
  var dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

  // The condition chosen at step 2 narrows "first available" and goes on to the booking,
  // where the server checks the practitioner against it.
  function withCondition(params) {
    if (panel.dataset.condition) params.condition = panel.dataset.condition;
    return new URLSearchParams(params).toString();
  }

  // Choosing a time posts to the hold address (the enclosing form carries the CSRF token).
  function holdLink(start, practitioner) {
    return panel.dataset.hold + "?" + withCondition({ treatment: panel.dataset.service, practitioner: practitioner, start: start });
  }

  function render(data, dateText) {
    grid.textContent = "";
    heading.textContent = dayFormat.format(new Date(dateText + "T00:00:00Z"));
    if (!data.offers.length) {
      var p = document.createElement("p");
      p.textContent = "No free times on this day. Please choose another.";
      grid.appendChild(p);
      return;
    }
    data.offers.forEach(function (offer) {
      var a = document.createElement("button");
      a.type = "submit";
      a.className = "btn btn-outline-primary";
      a.formAction = holdLink(offer.start, offer.practitioner);
      a.textContent = timeFormat.format(new Date(offer.start));
      if (panel.dataset.practitioner === "any") {
        var who = document.createElement("span");
        who.className = "d-block small";
        who.textContent = offer.practitioner_name;
        a.appendChild(who);
      }
      grid.appendChild(a);
    });
  }

  document.querySelectorAll(".day-strip a[data-date]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var dateText = link.dataset.date;
      var query = withCondition({ practitioner: panel.dataset.practitioner, service: panel.dataset.service, date: dateText });
      grid.setAttribute("aria-busy", "true");
      fetch(panel.dataset.api + "?" + query, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("availability " + response.status);
          return response.json();
        })
        .then(function (data) {
          render(data, dateText);
          document.querySelectorAll(".day-strip a.selected").forEach(function (a) {
            a.classList.remove("selected");
            a.removeAttribute("aria-current");
          });
          link.classList.add("selected");
          link.setAttribute("aria-current", "date");
          var jump = document.getElementById("jump-date");
          if (jump) jump.value = dateText;
          history.replaceState(null, "", link.href);
        })
        .catch(function () { window.location.href = link.href; })
        .finally(function () { grid.removeAttribute("aria-busy"); });
    });
  });
  // Says the day links are now handled here (tests wait for it before clicking).
  panel.dataset.enhanced = "true";
})();
