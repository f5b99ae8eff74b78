/*
 * pmiek — the province map: Leaflet 1.9.4 + proj4 + Proj4Leaflet in EPSG:28992 (RD New).
 *
 * Load after vendor/leaflet/leaflet.js, vendor/proj4/proj4.js,
 * vendor/proj4leaflet/proj4leaflet.js (and htmx for the station panel), all with `defer`.
 * No inline scripts or styles (CSP): the look comes from pmiek.css, the data from the
 * container's data-* attributes:
 *
 *   <div id="kaart" role="region" aria-label="..."
 *        data-areas-url="/..."          GeoJSON FeatureCollection of outlines, RD metres
 *        data-stations-url="/..."       GeoJSON FeatureCollection of Points, RD metres
 *        data-panel-url="/.../__ID__"   station panel URL; __ID__ becomes the station id
 *                                       (URL-encoded); without __ID__ the id is appended
 *        data-query="jaar=2030&..."     optional: appended to the panel URL
 *        data-panel-target="#stationpaneel"
 *        data-background="off|pdok"     PDOK BRT background tiles only with "pdok"
 *        data-label-zoom-in, data-label-zoom-out, data-error-text   optional texts
 *        data-min-zoom, data-max-zoom, data-label-zoom                optional numbers
 *   ></div>
 *
 * Area features: properties id, name, kind (outline class "gebied gebied--<kind>").
 * Station features: properties id, name, class (beschikbaar | dreigende_schaarste |
 * congestie | geen_gegevens), class_label, label, utilisation, peak_mw, capacity_mw. Each
 * station is a keyboard-focusable marker (role button) whose shape and letter differ per
 * class (circle B, triangle D, square C, dashed diamond ?), so colour is never the only
 * cue; its accessible name is "<name>: <class_label>". Click, Enter or Space loads the
 * station panel into data-panel-target with htmx (a plain link navigation without htmx).
 *
 * The GeoJSON may carry a crs member; without one, coordinates are taken as EPSG:28992.
 * The map fits the areas' bounds on load and may not be panned far beyond them. While
 * loading, the container has data-kaart-status="laden"; then "klaar" (with
 * data-aantal-gebieden and data-aantal-stations) or "fout". Changing data-stations-url or
 * data-query reloads the stations; a #kaart inserted by htmx is set up on htmx:load.
 * Nothing is fetched from another host unless data-background="pdok".
 */
(function () {
  "use strict";

  var RD_CODE = "EPSG:28992";
  var RD_DEF =
    "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 " +
    "+x_0=155000 +y_0=463000 +ellps=bessel " +
    "+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";
  // Nederlandse richtlijn tiling: 3440.64 m/px at zoom 0, halving per level (0..14).
  var RESOLUTIONS = [];
  for (var level = 0; level <= 14; level += 1) {
    RESOLUTIONS.push(3440.64 / Math.pow(2, level));
  }
  var ORIGIN = [-285401.92, 903401.92];
  var RD_EXTENT = [
    [-285401.92, 22598.08],
    [595401.92, 903401.92]
  ];
  // Province level (zoom 3, 430 m/px) down to about 1:25 000 (zoom 9, 6.72 m/px): what
  // generalised municipal outlines bear.
  var MIN_ZOOM = 3;
  var MAX_ZOOM = 9;
  var LABEL_ZOOM = 8;
  var PDOK_URL =
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/{z}/{x}/{y}.png";
  var PDOK_ATTRIBUTION = "Kaartgegevens © Kadaster";

  var SYMBOLS = {
    beschikbaar: { letter: "B", shape: "circle", z: 100 },
    dreigende_schaarste: { letter: "D", shape: "triangle", z: 200 },
    congestie: { letter: "C", shape: "square", z: 300 },
    geen_gegevens: { letter: "?", shape: "diamond", z: 0 }
  };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var TEXTS = {
    nl: { zoomIn: "Inzoomen", zoomOut: "Uitzoomen", error: "De kaartgegevens konden niet worden geladen." },
    en: { zoomIn: "Zoom in", zoomOut: "Zoom out", error: "The map data could not be loaded." }
  };

  function text(element, key, attribute) {
    var given = element.getAttribute(attribute);
    if (given) {
      return given;
    }
    var lang = (document.documentElement.getAttribute("lang") || "nl").slice(0, 2);
    return (TEXTS[lang] || TEXTS.nl)[key];
  }

  function number(element, attribute, fallback) {
    var value = parseInt(element.getAttribute(attribute) || "", 10);
    return isNaN(value) ? fallback : value;
  }

  function rdCrs() {
    if (!window.proj4.defs(RD_CODE)) {
      window.proj4.defs(RD_CODE, RD_DEF);
    }
    return new L.Proj.CRS(RD_CODE, RD_DEF, {
      resolutions: RESOLUTIONS,
      origin: ORIGIN,
      bounds: L.bounds(RD_EXTENT[0], RD_EXTENT[1])
    });
  }

  /* The GeoJSON with its crs made explicit for L.Proj.geoJson: RD unless it says WGS 84. */
  function withRdCrs(geojson) {
    var crs = geojson && geojson.crs;
    var name = crs && crs.properties ? String(crs.properties.name || crs.properties.code || "") : "";
    if (/CRS84|4326/.test(name)) {
      delete geojson.crs;
    } else {
      geojson.crs = { type: "name", properties: { name: RD_CODE } };
    }
    return geojson;
  }

  function fetchJson(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": HTTP " + response.status);
      }
      return response.json();
    });
  }

  function svgElement(name, attributes) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  function shapeElement(shape) {
    var attributes = { class: "symbool__vorm" };
    if (shape === "circle") {
      return svgElement("circle", Object.assign(attributes, { cx: "14", cy: "14", r: "11" }));
    }
    if (shape === "square") {
      return svgElement(
        "rect",
        Object.assign(attributes, { x: "3", y: "3", width: "22", height: "22" })
      );
    }
    var points = shape === "triangle" ? "14,1.5 27,25.5 1,25.5" : "14,1 27,14 14,27 1,14";
    return svgElement("polygon", Object.assign(attributes, { points: points }));
  }

  /* The station symbol; the same markup serves the legend (see pmiek.css). */
  function symbol(className) {
    var spec = SYMBOLS[className];
    var svg = svgElement("svg", {
      class: "symbool symbool--" + className,
      viewBox: "0 0 28 28",
      width: "28",
      height: "28",
      "aria-hidden": "true",
      focusable: "false"
    });
    svg.appendChild(shapeElement(spec.shape));
    var letter = svgElement("text", {
      class: "symbool__letter",
      x: "14",
      y: spec.shape === "triangle" ? "17.5" : "14"
    });
    letter.textContent = spec.letter;
    svg.appendChild(letter);
    return svg;
  }

  function stationIcon(className, label) {
    var content = document.createElement("span");
    content.className = "station__inhoud";
    content.appendChild(symbol(className));
    if (label) {
      var visible = document.createElement("span");
      visible.className = "station__naam";
      visible.setAttribute("aria-hidden", "true");
      visible.textContent = label;
      content.appendChild(visible);
    }
    return L.divIcon({
      html: content,
      className: "station station--" + className,
      iconSize: [28, 28],
      iconAnchor: [14, 14]
    });
  }

  function panelUrl(element, id) {
    var template = element.getAttribute("data-panel-url") || "";
    var encoded = encodeURIComponent(id);
    var url =
      template.indexOf("__ID__") >= 0 ? template.split("__ID__").join(encoded) : template + encoded;
    var query = (element.getAttribute("data-query") || "").replace(/^\?/, "");
    if (query) {
      url += (url.indexOf("?") >= 0 ? "&" : "?") + query;
    }
    return url;
  }

  function Kaart(element) {
    this.element = element;
    this.stations = null;
    this.areas = null;
    this.chosen = null;
    var map = L.map(element, {
      crs: rdCrs(),
      minZoom: number(element, "data-min-zoom", MIN_ZOOM),
      maxZoom: number(element, "data-max-zoom", MAX_ZOOM),
      zoomControl: false,
      preferCanvas: false,
      keyboard: true
    });
    this.map = map;
    L.control
      .zoom({
        zoomInTitle: text(element, "zoomIn", "data-label-zoom-in"),
        zoomOutTitle: text(element, "zoomOut", "data-label-zoom-out")
      })
      .addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    // A view before anything has loaded: the middle of the Netherlands.
    map.setView(map.options.crs.unproject(L.point(155000, 463000)), MIN_ZOOM);
    var labelZoom = number(element, "data-label-zoom", LABEL_ZOOM);
    var updateLabels = function () {
      L.DomUtil[map.getZoom() >= labelZoom ? "addClass" : "removeClass"](element, "kaart--namen");
    };
    map.on("zoomend", updateLabels);
    updateLabels();
  }

  /* The PDOK background, added once the map has its final view (no tiles for the
     provisional view are fetched). Only with data-background="pdok". */
  Kaart.prototype.addBackground = function () {
    if (this.background || this.element.getAttribute("data-background") !== "pdok") {
      return;
    }
    this.background = L.tileLayer(PDOK_URL, {
      minZoom: 0,
      maxZoom: 14,
      attribution: PDOK_ATTRIBUTION
    }).addTo(this.map);
    this.background.bringToBack();
  };

  Kaart.prototype.status = function (value) {
    this.element.setAttribute("data-kaart-status", value);
  };

  Kaart.prototype.fail = function (error) {
    this.status("fout");
    if (window.console) {
      window.console.error("pmiek kaart:", error);
    }
    if (this.message) {
      return;
    }
    var message = L.control({ position: "topright" });
    var element = this.element;
    message.onAdd = function () {
      var box = L.DomUtil.create("div", "melding melding--fout kaart-melding");
      box.setAttribute("role", "alert");
      box.textContent = text(element, "error", "data-error-text");
      return box;
    };
    message.addTo(this.map);
    this.message = message;
  };

  Kaart.prototype.loadAreas = function () {
    var self = this;
    var url = this.element.getAttribute("data-areas-url");
    if (!url) {
      return Promise.resolve(null);
    }
    return fetchJson(url).then(function (geojson) {
      self.areas = L.Proj.geoJson(withRdCrs(geojson), {
        interactive: false,
        className: "gebied",
        onEachFeature: function (feature, layer) {
          var kind = String((feature.properties || {}).kind || "").replace(/[^a-z0-9_-]/gi, "");
          layer.options.className = "gebied" + (kind ? " gebied--" + kind : "");
        }
      }).addTo(self.map);
      self.areas.bringToBack();
      self.element.setAttribute("data-aantal-gebieden", String(self.areas.getLayers().length));
      return self.areas;
    });
  };

  Kaart.prototype.choose = function (marker) {
    if (this.chosen && this.chosen.getElement()) {
      L.DomUtil.removeClass(this.chosen.getElement(), "station--gekozen");
    }
    this.chosen = marker;
    L.DomUtil.addClass(marker.getElement(), "station--gekozen");
    var url = panelUrl(this.element, marker.feature.properties.id);
    var target = this.element.getAttribute("data-panel-target") || "#stationpaneel";
    if (window.htmx && document.querySelector(target)) {
      window.htmx.ajax("GET", url, { target: target, swap: "innerHTML" });
    } else {
      window.location.assign(url);
    }
  };

  Kaart.prototype.marker = function (feature, latlng) {
    var self = this;
    var properties = feature.properties || {};
    var className = SYMBOLS[properties["class"]] ? properties["class"] : "geen_gegevens";
    var name = String(properties.name || properties.id || "");
    var label = properties.label ? String(properties.label) : "";
    var accessibleName = name;
    if (label && name.indexOf(label) < 0) {
      accessibleName += " (" + label + ")";
    }
    accessibleName += ": " + String(properties.class_label || className);
    var marker = L.marker(latlng, {
      icon: stationIcon(className, label),
      keyboard: true,
      title: accessibleName,
      riseOnHover: true,
      zIndexOffset: SYMBOLS[className].z
    });
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.setAttribute("aria-label", accessibleName);
      icon.setAttribute("data-station-id", String(properties.id));
      L.DomEvent.on(icon, "keydown", function (event) {
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
          L.DomEvent.preventDefault(event);
          L.DomEvent.stopPropagation(event);
          self.choose(marker);
        }
      });
    });
    marker.on("click", function () {
      self.choose(marker);
    });
    return marker;
  };

  Kaart.prototype.loadStations = function () {
    var self = this;
    var url = this.element.getAttribute("data-stations-url");
    if (!url) {
      return Promise.resolve(null);
    }
    return fetchJson(url).then(function (geojson) {
      if (self.stations) {
        self.map.removeLayer(self.stations);
      }
      self.chosen = null;
      self.stations = L.Proj.geoJson(withRdCrs(geojson), {
        pointToLayer: function (feature, latlng) {
          return self.marker(feature, latlng);
        }
      }).addTo(self.map);
      self.element.setAttribute("data-aantal-stations", String(self.stations.getLayers().length));
      return self.stations;
    });
  };

  Kaart.prototype.fit = function () {
    var layer = this.areas && this.areas.getLayers().length ? this.areas : this.stations;
    if (!layer || !layer.getLayers().length) {
      return;
    }
    var bounds = layer.getBounds();
    this.map.fitBounds(bounds, { animate: false });
    this.map.setMaxBounds(bounds.pad(0.5));
  };

  Kaart.prototype.load = function () {
    var self = this;
    this.status("laden");
    return Promise.all([this.loadAreas(), this.loadStations()]).then(
      function () {
        self.fit();
        self.addBackground();
        self.status("klaar");
      },
      function (error) {
        self.fit();
        self.addBackground();
        self.fail(error);
      }
    );
  };

  Kaart.prototype.reloadStations = function () {
    var self = this;
    this.status("laden");
    return this.loadStations().then(
      function () {
        self.status("klaar");
      },
      function (error) {
        self.fail(error);
      }
    );
  };

  function init(element) {
    if (!element || element.pmiekKaart) {
      return element ? element.pmiekKaart : null;
    }
    if (!window.L || !L.Proj || !window.proj4) {
      element.setAttribute("data-kaart-status", "fout");
      return null;
    }
    var kaart = new Kaart(element);
    element.pmiekKaart = kaart;
    kaart.load();
    if (window.MutationObserver) {
      new MutationObserver(function () {
        kaart.reloadStations();
      }).observe(element, { attributes: true, attributeFilter: ["data-stations-url", "data-query"] });
    }
    return kaart;
  }

  function initAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.id === "kaart") {
      init(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll("#kaart"), init);
  }

  window.pmiekKaart = { init: init, symbol: symbol, panelUrl: panelUrl };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      initAll(document);
    });
  } else {
    initAll(document);
  }
  document.addEventListener("htmx:load", function (event) {
    initAll(event.target);
  });
})();
