"""Data providers (one module per source); see :mod:`thesis.data.providers.base`."""

from thesis.data.providers.base import Provider, Query, get_provider, provider_names, register

__all__ = ["Provider", "Query", "get_provider", "provider_names", "register"]
