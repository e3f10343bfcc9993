"""The scripted-buyer panel: no floor violation, and the modes trade deals for margin as designed."""

from assistant.simulate import run_panel


def test_panel_has_no_floor_violation_and_modes_rank_as_designed():
    figures = run_panel(seed=11, size=300)
    assert figures["all"]["floor_violations"] == 0
    assert figures["all"]["negotiations"] == 900
    conversion, balanced, margin = (figures[m] for m in ("conversion", "balanced", "margin"))
    assert conversion["deal_rate_pct"] >= balanced["deal_rate_pct"] >= margin["deal_rate_pct"]
    assert conversion["band_kept_pct"] < balanced["band_kept_pct"] < margin["band_kept_pct"]
    assert 0 < figures["all"]["deal_rate_pct"] < 100
