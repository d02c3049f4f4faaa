"""wirelint on Dask: check a bag of records or a DataFrame of articles.

Each partition runs on a worker whose Host is built once per worker process from a
picklable :class:`~wirelint.integrations.HostSpec` and cached there, never per row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wirelint.config import Config
from wirelint.integrations import HostSpec, rows_for

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

RESULT_DTYPES = {
    "score": "float64", "verdict": "object", "p_machine_translated": "float64",
    "p_machine_paraphrased": "float64", "p_human": "float64", "findings": "object",
    "errors": "object", "signature": "object",
}


def check_bag(bag: db.Bag, *, id_col: str = "id", text_col: str = "text",
              plugins: tuple[str, ...] | None = None, entry_points: bool = False,
              config: Config | None = None) -> db.Bag:
    """Map a bag of ``{id, text}`` dicts to a bag of result rows (same order)."""
    spec = HostSpec(plugins=plugins, entry_points=entry_points, config=config or Config())
    return bag.map_partitions(
        lambda part: list(rows_for(spec, part, id_col=id_col, text_col=text_col)))


def add_wirelint_columns(ddf: dd.DataFrame, *, id_col: str = "id", text_col: str = "text",
                         plugins: tuple[str, ...] | None = None, entry_points: bool = False,
                         config: Config | None = None) -> dd.DataFrame:
    """Return ``ddf`` with wirelint's result columns appended, partition by partition."""
    import pandas as pd

    spec = HostSpec(plugins=plugins, entry_points=entry_points, config=config or Config())

    def check_partition(part: pd.DataFrame) -> pd.DataFrame:
        records: list[dict[str, Any]] = part.to_dict("records")
        rows = list(rows_for(spec, records, id_col=id_col, text_col=text_col))
        result = pd.DataFrame(rows, columns=[id_col, *RESULT_DTYPES], index=part.index)
        return pd.concat([part, result.drop(columns=[id_col]).astype(RESULT_DTYPES)], axis=1)

    meta = ddf._meta.assign(**{k: pd.Series(dtype=v) for k, v in RESULT_DTYPES.items()})
    return ddf.map_partitions(check_partition, meta=meta)
