"""OpenID Connect for :mod:`pmiek.adapters.web.auth`: the issuer client (discovery, keys,
the authorization-code flow with PKCE, ID-token checks), the sign-ins under way, and the
mapping of group claims to a role and organisation.

Built on Authlib's OAuth 2.0 / OIDC building blocks (:func:`authlib.common.security.
generate_token`, PKCE's :func:`~authlib.oauth2.rfc7636.create_s256_code_challenge`, the claim
checks of :class:`authlib.oidc.core.CodeIDToken`) and joserfc for signatures, over plain httpx;
see :mod:`pmiek.adapters.web.auth` for why not Authlib's Starlette client.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from pmiek.adapters.web.deps import LOGGED_IN
from pmiek.adapters.web.principal import ROLES

OIDC_FLOW_SECONDS = 600


@dataclass(frozen=True)
class Flow:
    """One sign-in at the issuer under way."""

    state: str
    nonce: str
    verifier: str
    target: str
    expires: float


class OidcFlows:
    """The sign-ins under way, by a random key kept in the browser's ``pmiek_oidc``
    cookie: in memory, thread-safe, each taken once, gone after :data:`OIDC_FLOW_SECONDS`."""

    def __init__(self, *, clock: Any = time.monotonic, max_flows: int = 10_000) -> None:
        self.clock = clock
        self.max_flows = max_flows
        self._flows: dict[str, Flow] = {}
        self._lock = threading.Lock()

    def put(self, state: str, nonce: str, verifier: str, target: str) -> str:
        key = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            for old in [k for k, f in self._flows.items() if f.expires <= now]:
                del self._flows[old]
            while len(self._flows) >= self.max_flows:
                self._flows.pop(next(iter(self._flows)))
            self._flows[key] = Flow(state, nonce, verifier, target, now + OIDC_FLOW_SECONDS)
        return key

    def take(self, key: str) -> Flow | None:
        with self._lock:
            flow = self._flows.pop(key, None)
            return flow if flow is not None and flow.expires > self.clock() else None


class OidcError(Exception):
    """The sign-in at the issuer failed; ``key`` and ``values`` say why (texts_auth)."""

    def __init__(self, key: str, status: int = 400, **values: str) -> None:
        super().__init__(key)
        self.key, self.status, self.values = key, status, values


class OidcClient:
    """The relying party: discovery, the authorization URL, the code exchange and the ID
    token's checks (signature from the issuer's JWKS, iss, aud, exp, nonce, at_hash)."""

    def __init__(self, metadata_url: str, client_id: str, client_secret: str | None, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.metadata_url = metadata_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.transport = transport
        self._metadata: dict[str, Any] | None = None
        self._jwks: dict[str, Any] | None = None
        self._lock = asyncio.Lock()

    def _http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport, timeout=10.0)

    async def _get(self, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            async with self._http() as http:
                answer = await http.get(url, **kwargs)
                answer.raise_for_status()
                value = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcError("oidc.unreachable", 502, detail=type(exc).__name__) from exc
        if not isinstance(value, dict):
            raise OidcError("oidc.unreachable", 502, detail="not a JSON object")
        return value

    async def metadata(self) -> dict[str, Any]:
        async with self._lock:
            if self._metadata is None:
                found = await self._get(self.metadata_url)
                for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
                    if not isinstance(found.get(key), str):
                        raise OidcError("oidc.unreachable", 502, detail=f"no {key}")
                self._metadata = found
            return self._metadata

    async def jwks(self, *, force: bool = False) -> KeySet:
        meta = await self.metadata()
        if self._jwks is None or force:
            self._jwks = await self._get(meta["jwks_uri"])
        try:
            return KeySet.import_key_set(self._jwks)  # type: ignore[arg-type]
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            raise OidcError("oidc.unreachable", 502, detail="JWKS") from exc

    async def authorization_url(self, redirect_uri: str, state: str, nonce: str,
                                verifier: str) -> str:
        meta = await self.metadata()
        params = {"response_type": "code", "client_id": self.client_id,
                  "redirect_uri": redirect_uri, "scope": "openid profile email",
                  "state": state, "nonce": nonce,
                  "code_challenge": create_s256_code_challenge(verifier),
                  "code_challenge_method": "S256"}
        return str(httpx.URL(meta["authorization_endpoint"], params=params))

    async def exchange(self, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        """The token response for ``code`` (client_secret_basic, or _post when that is all
        the issuer takes; a public client sends only its id)."""
        meta = await self.metadata()
        data = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": redirect_uri, "code_verifier": verifier,
                "client_id": self.client_id}
        auth: httpx.BasicAuth | None = None
        if self.client_secret:
            methods = meta.get("token_endpoint_auth_methods_supported") or [
                "client_secret_basic"]
            if "client_secret_basic" in methods:
                auth = httpx.BasicAuth(self.client_id, self.client_secret)
            else:
                data["client_secret"] = self.client_secret
        try:
            async with self._http() as http:
                answer = await http.post(meta["token_endpoint"], data=data,
                                         auth=auth or httpx.USE_CLIENT_DEFAULT,
                                         headers={"Accept": "application/json"})
                value = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcError("oidc.unreachable", 502, detail=type(exc).__name__) from exc
        if answer.status_code != 200 or not isinstance(value, dict):
            error = value.get("error", answer.status_code) if isinstance(value, dict) \
                else answer.status_code
            raise OidcError("oidc.error", 400, error=str(error)[:100])
        if not isinstance(value.get("id_token"), str):
            raise OidcError("oidc.token", 400, detail="no id_token")
        return value

    async def id_claims(self, token: dict[str, Any], nonce: str) -> dict[str, Any]:
        """The checked claims of the token response's ID token."""
        meta = await self.metadata()
        algorithms = [a for a in meta.get("id_token_signing_alg_values_supported", ["RS256"])
                      if a != "none"] or ["RS256"]
        try:
            try:
                decoded = jwt.decode(token["id_token"], await self.jwks(),
                                     algorithms=algorithms)
            except JoseError:  # the issuer may have rolled its keys: fetch them once more
                decoded = jwt.decode(token["id_token"], await self.jwks(force=True),
                                     algorithms=algorithms)
            claims = CodeIDToken(
                decoded.claims, decoded.header,
                {"iss": {"essential": True, "value": meta["issuer"]},
                 "aud": {"essential": True, "value": self.client_id},
                 "sub": {"essential": True}},
                {"nonce": nonce, "client_id": self.client_id,
                 "access_token": token.get("access_token")})
            claims.validate(leeway=60)
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            raise OidcError("oidc.token", 400, detail=type(exc).__name__) from exc
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise OidcError("oidc.token", 400, detail="sub")
        return dict(claims)

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        meta = await self.metadata()
        endpoint = meta.get("userinfo_endpoint")
        if not isinstance(endpoint, str):
            return {}
        return await self._get(endpoint, headers={"Authorization": f"Bearer {access_token}"})


def role_for_groups(groups: Any, role_map: dict[str, str]) -> tuple[str, str | None] | None:
    """The role (and organisation) that ``groups`` give by ``role_map`` (group → ``role``
    or ``role:organisation``): the highest role of :data:`ROLES` that any group maps to (of
    equals, the first group's); None when no group maps to a role one can log in with."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return None
    best: tuple[int, str, str | None] | None = None
    for group in groups:
        mapped = role_map.get(str(group))
        if not mapped:
            continue
        role, _, organisation = mapped.partition(":")
        role = role.strip()
        if role not in LOGGED_IN:
            continue
        rank = ROLES.index(role)
        if best is None or rank < best[0]:
            best = (rank, role, organisation.strip() or None)
    return None if best is None else (best[1], best[2])
