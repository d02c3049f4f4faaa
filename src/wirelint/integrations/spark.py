"""wirelint on PySpark: add score, verdict, probabilities and findings columns.

Built on ``mapInPandas``: Spark hands each Python worker an iterator of Arrow batches;
the worker builds its Host once (cached per process, and Spark reuses Python workers),
then checks every row of every batch on it.  Plugin set and configuration travel with the
job as a small picklable :class:`~wirelint.integrations.HostSpec`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from wirelint.config import Config
from wirelint.integrations import HostSpec, rows_for

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

RESULT_COLUMNS = ("score", "verdict", "p_machine_translated", "p_machine_paraphrased",
                  "p_human", "findings", "errors", "signature")


def result_schema() -> StructType:
    """The declared Spark schema of the columns :func:`add_wirelint_columns` adds."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    finding = StructType([
        StructField("code", StringType()), StructField("name", StringType()),
        StructField("start", IntegerType()), StructField("end", IntegerType()),
        StructField("line", IntegerType()), StructField("col", IntegerType()),
        StructField("evidence", StringType()), StructField("message", StringType()),
        StructField("confidence", DoubleType()), StructField("suggestion", StringType()),
        StructField("plugin", StringType()),
    ])
    error = StructType([StructField(n, StringType()) for n in ("code", "name", "message",
                                                                "plugin")])
    return StructType([
        StructField("score", DoubleType()), StructField("verdict", StringType()),
        StructField("p_machine_translated", DoubleType()),
        StructField("p_machine_paraphrased", DoubleType()),
        StructField("p_human", DoubleType()),
        StructField("findings", ArrayType(finding)),
        StructField("errors", ArrayType(error)),
        StructField("signature", StringType()),
    ])


def add_wirelint_columns(df: DataFrame, *, id_col: str = "id", text_col: str = "text",
                         plugins: tuple[str, ...] | None = None, entry_points: bool = False,
                         config: Config | None = None) -> DataFrame:
    """Return ``df`` with wirelint's result columns appended (one Host per worker).

    :param df: Articles; must have ``id_col`` and ``text_col`` (string) columns.
    :param plugins: Importable plugin module names to pin (default: built-in families).
    :param entry_points: Also load third-party entry-point plugins on the workers (they
        must be installed there).
    :param config: wirelint configuration, shipped to the workers.
    """
    from pyspark.sql.types import StructType

    spec = HostSpec(plugins=plugins, entry_points=entry_points, config=config or Config())
    out_schema = StructType([*df.schema.fields, *result_schema().fields])

    def check_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        for batch in batches:
            records: list[dict[str, Any]] = batch.to_dict("records")
            rows = list(rows_for(spec, records, id_col=id_col, text_col=text_col))
            result = pd.DataFrame(rows, columns=[id_col, *RESULT_COLUMNS]).drop(columns=[id_col])
            yield pd.concat([batch.reset_index(drop=True), result], axis=1)

    return df.mapInPandas(check_batches, schema=out_schema)
