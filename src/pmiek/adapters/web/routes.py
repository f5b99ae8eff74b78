"""Every route of the web application, with who may use it.

The permission-matrix test (``tests/web/test_permissions.py``) requests every route of the
app as every role, with the scope of the path its own or another's, and compares the status
with what :data:`ROUTES` says; a route of the app missing here fails that test.

``access``:

- ``public``: everyone, anonymous included (what they see is still filtered by role);
- ``login``: any logged-in account;
- ``edit``: kernteam, beheerder, netbeheerder and gemeente (their own scope: checked per row);
- ``kernteam``: kernteam and beheerder;
- ``beheerder``: beheerder only.
"""

from __future__ import annotations

from dataclasses import dataclass

ACCESS = ("public", "login", "edit", "kernteam", "beheerder")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    access: str
    name: str


ROUTES: tuple[Route, ...] = (
    # pages
    Route("GET", "/", "public", "overview"),
    Route("GET", "/editie/{edition}", "public", "edition"),
    Route("GET", "/taal/{lang}", "public", "language"),
    Route("GET", "/toegankelijkheid", "public", "accessibility"),
    Route("GET", "/methode", "public", "method"),
    Route("GET", "/inloggen", "public", "login_form"),
    Route("POST", "/inloggen", "public", "login"),
    Route("POST", "/uitloggen", "login", "logout"),
    Route("GET", "/oidc/inloggen", "public", "oidc_login"),
    Route("GET", "/oidc/terug", "public", "oidc_callback"),
    # step 1
    Route("GET", "/werkruimte/{workspace}/kaart", "public", "map"),
    Route("GET", "/werkruimte/{workspace}/kaart/gebieden.geojson", "public", "map_areas"),
    Route("GET", "/werkruimte/{workspace}/kaart/stations.geojson", "public", "map_stations"),
    Route("GET", "/werkruimte/{workspace}/kaart/stations.csv", "public", "map_stations_csv"),
    Route("GET", "/werkruimte/{workspace}/station/{asset_id}", "public", "station"),
    Route("GET", "/werkruimte/{workspace}/station/{asset_id}/tijdlijn.csv", "public",
          "station_timeline_csv"),
    Route("GET", "/werkruimte/{workspace}/station/{asset_id}/verklaring.csv", "public",
          "station_explain_csv"),
    Route("GET", "/werkruimte/{workspace}/station/{asset_id}/wachtrij.csv", "public",
          "station_queue_csv"),
    # data
    Route("GET", "/werkruimte/{workspace}/tabellen", "public", "tables"),
    Route("GET", "/werkruimte/{workspace}/tabellen/{table}", "public", "table"),
    Route("GET", "/werkruimte/{workspace}/tabellen/{table}.csv", "public", "table_csv"),
    Route("GET", "/werkruimte/{workspace}/aanleveren", "edit", "upload_form"),
    Route("POST", "/werkruimte/{workspace}/aanleveren", "edit", "upload"),
    Route("GET", "/taken/{job}", "login", "job"),
    # accounts
    Route("GET", "/beheer/accounts", "beheerder", "accounts"),
    Route("POST", "/beheer/accounts", "beheerder", "account_create"),
    Route("POST", "/beheer/accounts/{account}/uitschakelen", "beheerder", "account_disable"),
    Route("POST", "/beheer/accounts/{account}/wachtwoord", "beheerder", "account_password"),
    # JSON API (read only)
    Route("GET", "/api/v1/werkruimtes", "public", "api_workspaces"),
    Route("GET", "/api/v1/edities", "public", "api_editions"),
    Route("GET", "/api/v1/werkruimtes/{workspace}/stations", "public", "api_stations"),
    Route("GET", "/api/v1/werkruimtes/{workspace}/stations/{asset_id}", "public",
          "api_station"),
    Route("GET", "/api/v1/werkruimtes/{workspace}/tabellen/{table}", "public", "api_table"),
    Route("GET", "/api/openapi.json", "public", "openapi"),
)
