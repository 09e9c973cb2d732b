from cakupan.campaigns import campaign_ranking
from cakupan.warehouse import Warehouse


def test_desa_ranked_by_unprotected_informal_workers(demo_warehouse):
    with Warehouse(demo_warehouse, read_only=True) as wh:
        rows = campaign_ranking(wh, limit=304).rows
        informal = wh.scalar(
            "SELECT count(*) FROM register_by_person r JOIN ref_occupation o "
            "ON o.label = r.occupation AND o.informal WHERE r.desa_code IS NOT NULL"
        )
    counts = [r.unprotected for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert sum(r.informal_workers for r in rows) == informal
    assert all(0 <= r.unprotected <= r.informal_workers for r in rows)
