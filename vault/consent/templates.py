"""Versioned consent templates in the product's own words, with the clause library
of the limits of confidentiality. A version pinned by a consent record is never
edited: an edit makes a new version, marked material or not."""

from __future__ import annotations

from vault.consent.models import TemplateVersion
from vault.storage.db import Connection
from vault.storage.store import Store


def install_shipped(conn: Connection) -> None:
    """Insert the shipped templates (version 1 each) inside migration 003's transaction."""
    # TODO(issue 7, consent core): insert the shipped texts.


def template_digest(body: str) -> str:
    raise NotImplementedError


class ConsentTemplates:
    def __init__(self, store: Store) -> None:
        self._store = store

    def latest(self) -> list[TemplateVersion]:
        """The newest version of each template, in TEMPLATE_KINDS order."""
        raise NotImplementedError

    def latest_of(self, kind: str) -> TemplateVersion:
        raise NotImplementedError

    def get(self, version_id: int) -> TemplateVersion:
        raise NotImplementedError

    def versions(self, template_id: int) -> list[TemplateVersion]:
        """Every version of one template, newest first."""
        raise NotImplementedError

    def edit(
        self, template_id: int, body: str, *, material: bool, change_note: str = ""
    ) -> TemplateVersion:
        """Save an edit: in place while the newest version is unused, else as a new version."""
        raise NotImplementedError
