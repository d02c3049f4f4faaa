from __future__ import annotations

import pytest

from tests.integrations.conftest import expected_rows

dask = pytest.importorskip("dask", reason="dask is an optional extra: pip install 'wirelint[dask]'")
distributed = pytest.importorskip("distributed", reason="needs dask.distributed")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_bag_results_match_check_many_row_for_row(client, articles):
    import dask.bag as db

    from wirelint.integrations.dask import check_bag

    bag = db.from_sequence([{"id": d.id, "text": d.text} for d in articles], npartitions=4)
    rows = check_bag(bag).compute()
    assert rows == expected_rows(articles)


def test_dataframe_gets_result_columns_matching_check_many(client, articles):
    import dask.dataframe as dd
    import pandas as pd

    from wirelint.integrations.dask import add_wirelint_columns

    pdf = pd.DataFrame({"id": [d.id for d in articles], "text": [d.text for d in articles]})
    out = add_wirelint_columns(dd.from_pandas(pdf, npartitions=3)).compute()
    expected = expected_rows(articles)
    assert list(out["id"]) == [r["id"] for r in expected]
    for got, exp in zip(out.to_dict("records"), expected, strict=True):
        assert {k: got[k] for k in exp} == exp


def test_bag_with_bad_records_keeps_every_row(client):
    import dask.bag as db

    from wirelint.integrations.dask import check_bag

    rows = check_bag(db.from_sequence([{"id": 1, "text": None}, {"id": 2, "text": "ok"}],
                                      npartitions=2)).compute()
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["errors"][0]["code"] == "WL005"
