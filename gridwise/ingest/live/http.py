"""One GET for every live connector: timeouts, and failures a person can act on."""

from __future__ import annotations

from typing import Any

import requests

from gridwise.errors import UserError

TIMEOUT_S = 30


class FetchError(UserError):
    """A live source could not be read (no network, a refused token, a bad answer)."""


def _get(url: str, params: dict[str, Any], headers: dict[str, str], source: str
         ) -> requests.Response:
    try:
        resp = requests.get(url, params=params, headers=headers, timeout=TIMEOUT_S)
    except requests.ConnectionError as exc:
        raise FetchError(f"cannot reach {source} ({url.split('/')[2]}): no network or the host "
                         f"is down ({type(exc).__name__})",
                         "check the connection (and any proxy), then run `gridwise data fetch` "
                         "again; nothing was written") from None
    except requests.Timeout:
        raise FetchError(f"{source} did not answer within {TIMEOUT_S} s",
                         "try again later; nothing was written") from None
    if resp.status_code in (401, 403):
        raise FetchError(f"{source} refused the token (HTTP {resp.status_code})",
                         "check the token in settings (GRIDWISE_ELECTRICITYMAPS_TOKEN / "
                         "GRIDWISE_ENTSOE_TOKEN) and that it covers this zone; nothing was "
                         "written")
    if resp.status_code >= 400:
        raise FetchError(f"{source} answered HTTP {resp.status_code}: {resp.text[:200]!r}",
                         "check the zone and dates; nothing was written")
    return resp


def get_json(url: str, params: dict[str, Any], headers: dict[str, str], source: str
             ) -> dict[str, Any]:
    """GET `url` and decode its JSON object, or a `FetchError` saying what went wrong."""
    resp = _get(url, params, headers, source)
    try:
        body = resp.json()
    except ValueError:
        raise FetchError(f"{source} answered something that is not JSON: {resp.text[:120]!r}",
                         "try again later; nothing was written") from None
    if not isinstance(body, dict):
        raise FetchError(f"{source} answered an unexpected JSON shape", "nothing was written")
    return body


def get_text(url: str, source: str) -> str:
    """GET `url` as text, or a `FetchError`."""
    return _get(url, {}, {}, source).text
