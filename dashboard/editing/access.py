"""Who may use the editor app: the decision as a pure function, and its Streamlit side (st.user, st.secrets,
st.context). Sign-in is Streamlit's own (`st.login`, OpenID Connect through Authlib): this module only reads
the identity it gives and compares it with the allow-list in the settings (QINGLIAN_EDITORS).

Without a provider in secrets.toml there is no sign-in, so the app serves only a session on this machine:
the server bound to loopback and the browser's connection from it, not through a proxy. That is a laptop
with the bundled package; every page says so.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import Enum

import streamlit as st

from dashboard.kernel.settings import editors

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class Access(Enum):
    LOCAL = "local"  # no provider, a session on this machine: may edit, as the machine's user
    REMOTE = "remote"  # no provider, a session from elsewhere (or a server not bound to loopback): nothing
    SIGN_IN = "sign_in"  # a provider, nobody signed in: the sign-in button only
    NOT_EDITOR = "not_editor"  # signed in, not on the allow-list: told so, nothing else
    EDITOR = "editor"


@dataclass(frozen=True)
class Who:
    access: Access
    identity: str = ""  # the signed-in identity (or local:<user>), '' when there is none

    @property
    def may_edit(self) -> bool:
        return self.access in (Access.LOCAL, Access.EDITOR)

    @property
    def editor(self) -> str:
        """The name a change is recorded under, '' for anyone who may not edit."""
        return self.identity if self.may_edit else ""


def decide(provider: bool, signed_in: bool, identity: str, allowed: frozenset[str], local: bool,
           local_user: str) -> Who:
    """Who this session is, from plain facts (no Streamlit): tested on every combination."""
    if not provider:
        return Who(Access.LOCAL, f"local:{local_user}") if local else Who(Access.REMOTE)
    if not signed_in or not identity:
        return Who(Access.SIGN_IN)
    return Who(Access.EDITOR if identity.lower() in allowed else Access.NOT_EDITOR, identity.lower())


def provider_configured() -> bool:
    """An [auth] section in secrets.toml with a provider to sign in with (Streamlit's own layout)."""
    try:
        auth = st.secrets.get("auth", {})
    except Exception:  # no secrets.toml at all (Streamlit raises its own error type for that)
        return False
    return bool(auth.get("server_metadata_url") or any(isinstance(v, dict) and v.get("server_metadata_url")
                                                        for v in auth.values()))


def local_session() -> bool:
    """The server listens on loopback only, and this browser reached it directly from this machine."""
    bound = (st.get_option("server.address") or "").strip()
    ip = st.context.ip_address  # None for a localhost connection (Streamlit's own rule)
    ip = ip if isinstance(ip, str) else None  # AppTest has no connection (a stand-in object): as local
    forwarded = any(st.context.headers.get(name) for name in ("X-Forwarded-For", "X-Real-Ip", "Forwarded"))
    return bound in LOOPBACK and (ip is None or ip in LOOPBACK) and not forwarded


def who() -> Who:
    provider = provider_configured()
    signed_in = provider and bool(st.user.get("is_logged_in"))
    identity = str(st.user.get("email") or st.user.get("sub") or "") if signed_in else ""
    return decide(provider, signed_in, identity, editors(), local_session(), getpass.getuser())
