// Moves focus to the error summary when a form comes back with errors, so that screen-reader
// users hear what went wrong first. The page works without it.
(function () {
    "use strict";
    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
    }
}());
