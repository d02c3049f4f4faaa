from __future__ import annotations

import shutil

import pytest

from tests.integrations.conftest import expected_rows

pyspark = pytest.importorskip("pyspark", reason="pyspark is an optional extra: "
                              "pip install 'wirelint[spark]'")
if shutil.which("java") is None:
    pytest.skip("PySpark needs a Java runtime and none is installed", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    # Workers must run this interpreter (the venv with wirelint), not whatever `python3`
    # is first on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("wirelint-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()


def _plain(value):
    """Spark Rows -> dicts, recursively, for comparison with check_many."""
    if hasattr(value, "asDict"):
        return {k: _plain(v) for k, v in value.asDict().items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def test_spark_results_match_check_many_row_for_row(spark, articles):
    from wirelint.integrations.spark import add_wirelint_columns

    df = spark.createDataFrame([(d.id, d.text) for d in articles], "id string, text string")
    out = add_wirelint_columns(df.repartition(3)).orderBy("id").collect()
    got = {row["id"]: _plain(row) for row in out}
    for exp in expected_rows(articles):
        row = got[exp["id"]]
        assert {k: row[k] for k in exp} == exp


def test_spark_schema_declares_findings_as_array_of_structs(spark):
    from wirelint.integrations.spark import add_wirelint_columns

    df = spark.createDataFrame([("a", "The large -scale plan.")], "id string, text string")
    schema = add_wirelint_columns(df).schema
    findings = schema["findings"].dataType
    assert findings.typeName() == "array"
    assert [f.name for f in findings.elementType.fields][:4] == ["code", "name", "start", "end"]
    assert schema["score"].dataType.typeName() == "double"
