"""Campaigns: many jobs, bounded concurrency, a journal that survives a crash (see :mod:`.runner`)."""

from .journal import STATES, CampaignError, CampaignLockedError, Row
from .runner import Campaign, Summary

__all__ = ["Campaign", "Summary", "Row", "STATES", "CampaignError", "CampaignLockedError"]
