"""Ending therapy (issue 9, part D): the services a discharge leads to, as one vault
attribute (`vault.ending`)."""

from __future__ import annotations

from vault.lifecycle.episodes import EpisodeService
from vault.lifecycle.follow_ups import FollowUpService
from vault.lifecycle.referrals import ReferralLetters
from vault.records.settings import Settings
from vault.storage.store import Store


class EndingTherapy:
    def __init__(self, store: Store) -> None:
        self.episodes = EpisodeService(store)
        self.follow_ups = FollowUpService(store)
        self.referrals = ReferralLetters(store, Settings(store))
