from __future__ import annotations

import pytest

from wirelint import Config
from wirelint._scoring import threshold_for_fpr
from wirelint.cli import main


def test_config_fail_fpr_maps_to_the_calibrated_score():
    assert Config(fail_fpr=0.01).fail_threshold() == threshold_for_fpr(0.01)


def test_fail_under_wins_over_fail_fpr():
    assert Config(fail_under=70.0, fail_fpr=0.01).fail_threshold() == 70.0


def test_no_threshold_means_fail_on_machine_verdict():
    assert Config().fail_threshold() is None


def test_cli_fail_fpr_rejects_rates_outside_zero_one(tmp_path, capsys):
    story = tmp_path / "s.txt"
    story.write_text("The council met on Tuesday and approved the budget.")
    assert main(["check", "--isolated", "--fail-fpr", "2", str(story)]) == 2
    assert "fail-fpr" in capsys.readouterr().err


@pytest.mark.parametrize(("rate", "expected"), [(0.0, 0), (1.0, 1)])
def test_cli_fail_fpr_extremes(tmp_path, capsys, rate, expected):
    story = tmp_path / "s.txt"
    story.write_text("The council met on Tuesday and approved the budget after a debate.")
    code = main(["check", "--isolated", "--fail-fpr", str(rate), str(story)])
    assert code == expected
