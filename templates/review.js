/* Role filter: the URL fragment holds the state ("#role-RSA"), so a filtered
   view can be linked, bookmarked and undone with Back. Without scripts the
   same links jump to the role's part and every part stays visible. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a.filter"));
  var known = links.map(function (a) { return a.getAttribute("data-filter"); });
  var state = document.querySelector(".filter-state");
  function wanted() {
    var m = /^#role-([A-Za-z0-9_.-]+)$/.exec(window.location.hash);
    return m && known.indexOf(m[1]) >= 0 ? m[1] : null;
  }
  function show() {
    var role = wanted();
    var parts = document.querySelectorAll("[data-role]");
    for (var i = 0; i < parts.length; i++) {
      parts[i].hidden = role !== null && parts[i].getAttribute("data-role") !== role;
    }
    links.forEach(function (a) {
      var on = role === null ? a.getAttribute("data-filter") === "all" : a.getAttribute("data-filter") === role;
      a.setAttribute("aria-current", on ? "true" : "false");
    });
    if (state) { state.textContent = role === null ? "all roles" : "only " + role + " (sections are not per role)"; }
  }
  links.forEach(function (a) {
    a.addEventListener("click", function (ev) {
      // applied at once (not on the next hashchange task), then the URL updated to say so
      var href = a.getAttribute("href");
      ev.preventDefault();
      if (window.location.hash !== href) {
        try { window.history.pushState(null, "", href); } catch (e) { window.location.hash = href; return; }
      }
      show();
      var target = document.getElementById(href.slice(1));
      if (target) { target.scrollIntoView(); }
    });
  });
  window.addEventListener("hashchange", show);
  window.addEventListener("popstate", show);
  show();
}());
