/*
 * pmiek — the web application's own script (plain script, load with `defer`; no inline
 * scripts anywhere: CSP script-src 'self').
 *
 * Progressive enhancement only: every page works without it (real forms with submit
 * buttons). It
 *   - sends the CSRF token of <meta name="csrf-token" content="..."> as the X-CSRF-Token
 *     header on every htmx request (htmx 2 event htmx:configRequest);
 *   - after an htmx swap into a target with data-focus-heading, moves the focus to the
 *     first heading inside it (tabindex="-1" is added when the heading has none);
 *   - submits a control's form on change when the control has data-autosubmit (selects,
 *     radio buttons, the year slider; a slider once it has rested for 0.4 s). Use it on
 *     forms that htmx submits (hx-get + hx-target: the page updates in place); on a plain
 *     form it would reload the page on every change (WCAG 3.2.2). The form's submit button
 *     stays for use without JS and may carry the class js-verberg to be hidden when this
 *     script runs;
 *   - shows a range input's value in the <output> named by its data-output attribute
 *     while it is dragged;
 *   - on a failed htmx request, shows the text of the [data-meldingen] element's
 *     data-fout-tekst attribute in that element (a live region on the page).
 * It polls nothing itself.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token && event.detail && event.detail.headers) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  function swapTarget(event) {
    var target = event.detail && event.detail.target;
    if (target && !target.isConnected && target.id) {
      // An outerHTML swap replaced the target: find its successor by id.
      target = document.getElementById(target.id);
    }
    return target && target.isConnected ? target : null;
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = swapTarget(event);
    if (!target || !target.hasAttribute("data-focus-heading")) {
      return;
    }
    var heading = target.querySelector("h1, h2, h3, h4, h5, h6");
    if (!heading) {
      return;
    }
    if (!heading.hasAttribute("tabindex")) {
      heading.setAttribute("tabindex", "-1");
    }
    heading.focus();
  });

  function submitForm(form, submitter) {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter || undefined);
    } else {
      form.submit();
    }
  }

  // A slider moved with the arrow keys fires a change per step: wait until it rests.
  var SLIDER_REST_MS = 400;
  var pending = null;

  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!(control instanceof Element) || !control.hasAttribute("data-autosubmit")) {
      return;
    }
    var form = control.form || control.closest("form");
    if (!form) {
      return;
    }
    window.clearTimeout(pending);
    if (control instanceof HTMLInputElement && control.type === "range") {
      pending = window.setTimeout(function () {
        submitForm(form, null);
      }, SLIDER_REST_MS);
    } else {
      submitForm(form, null);
    }
  });

  document.addEventListener("input", function (event) {
    var control = event.target;
    if (!(control instanceof HTMLInputElement) || control.type !== "range") {
      return;
    }
    var outputId = control.getAttribute("data-output");
    var output = outputId ? document.getElementById(outputId) : null;
    if (output) {
      output.textContent = control.value;
    }
  });

  function showFailure() {
    var region = document.querySelector("[data-meldingen]");
    if (!region) {
      return;
    }
    var text = region.getAttribute("data-fout-tekst");
    if (text) {
      region.hidden = false;
      region.textContent = text;
    }
  }

  document.addEventListener("htmx:responseError", showFailure);
  document.addEventListener("htmx:sendError", showFailure);
})();
