"""Offers come out of the store in one order, whatever DuckDB's thread count.

Quote order follows offer order, and the quote book's digest (tests/test_quote_book_digest.py)
hashes it: the on-prem GROUP BY once came out in a different order from run to run (its
parallel hash table), which moved ties and failed CI on an unchanged tree.
"""

from __future__ import annotations

import pytest

from gridwise.store import Store
from tools import offers as offers_mod


def _key(o: offers_mod.Offer) -> tuple[object, ...]:
    return (o.cluster, o.instance_type, o.accelerator, o.gpus_per_instance, o.price_usd_per_h,
            o.spot_usd_per_h, o.free_gpus)


@pytest.mark.shared
def test_offer_order_does_not_depend_on_duckdb_threads(real_store: Store) -> None:
    seen = set()
    for threads in (1, 2, 4, 8, 8, 8):
        real_store.conn.execute(f"SET threads = {threads}")
        seen.add(tuple(_key(o) for o in offers_mod._read_offers(real_store.conn, None)))
    real_store.conn.execute("RESET threads")
    assert len(seen) == 1


def _cloud_key(o: offers_mod.Offer) -> tuple[object, ...]:
    """The SQL's ORDER BY, NULLs last as in DuckDB."""
    cols = (o.provider, o.region, o.instance_type, o.accelerator, o.gpus_per_instance,
            o.price_usd_per_h, o.spot_usd_per_h, o.source_file, o.note)
    return tuple((v is None, v if v is not None else 0) for v in cols)


@pytest.mark.shared
def test_offers_are_sorted_and_one_provider_reads_its_own(real_store: Store) -> None:
    offers = offers_mod._read_offers(real_store.conn, None)
    onprem = [(o.cluster, o.accelerator) for o in offers if o.kind == "onprem"]
    assert len(onprem) > 1 and onprem == sorted(onprem)
    cloud = [o for o in offers if o.kind != "onprem"]
    assert len(cloud) > 1000 and cloud == sorted(cloud, key=_cloud_key)
    aws = offers_mod._read_offers(real_store.conn, "aws")
    assert aws == [o for o in cloud if o.provider == "aws"] and aws
    assert [o.cluster for o in offers_mod._read_offers(real_store.conn, "onprem")] == \
        [c for c, _ in onprem]
