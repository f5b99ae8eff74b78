"""The web application's settings (pydantic-settings): from arguments, else ``PMIEK_*``
environment variables, else the defaults below.

``create_app`` takes a :class:`WebSettings`; nothing in the web adapter reads the environment
itself, so tests inject settings and two apps with different stores can live in one process.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

LANGUAGES = ("nl", "en")


class WebSettings(BaseSettings):
    """What a running ``pmiek serve`` is configured with."""

    model_config = SettingsConfigDict(env_prefix="PMIEK_", extra="ignore")

    database_url: str | None = Field(
        default=None, description="The store (SQLAlchemy URL); default sqlite:///pmiek.db.")
    lang: str = Field(default="nl", pattern="^(nl|en)$",
                      description="The language of pages when the visitor chose none.")
    session_hours: float = Field(default=8.0, gt=0,
                                 description="A session ends this long after login.")
    idle_minutes: float = Field(default=30.0, gt=0,
                                description="A session ends after this long without a request.")
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set this behind TLS).")
    login_attempts: int = Field(default=5, ge=1,
                                description="Failed logins per account and address …")
    login_window_seconds: float = Field(default=900.0, gt=0,
                                        description="… within this window, then refused.")
    password_profile: str = Field(
        default="standard", pattern="^(standard|fast)$",
        description="Argon2id cost: 'standard' (RFC 9106 low-memory); 'fast' for tests only.")
    background_map: bool = Field(
        default=False, description="Offer the PDOK BRT background map (needs the internet).")
    demo: bool = Field(default=False, description="Demo accounts exist (loopback only).")
    oidc_metadata_url: str | None = Field(
        default=None, description="OpenID Connect discovery URL; unset: local accounts only.")
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_groups_claim: str = Field(default="groups",
                                   description="The claim that lists the user's groups.")
    oidc_role_map: dict[str, str] = Field(
        default_factory=dict,
        description="Group → 'role' or 'role:organisation' (e.g. 'netbeheerder:Stedin').")
    workers: int = Field(default=1, ge=1, le=4,
                         description="Background computations that may run at once.")
