"""`make bench` fails when a page's query count differs between the two scales."""

import json

from bench import compare


def test_same_counts_pass_and_different_ones_fail(tmp_path, capsys):
    small = {"baseline": {"p95_ms": 1, "queries": 1}, "scorecard": {"p95_ms": 20, "queries": 9}, "import": {"s": 1}}
    large = {"baseline": {"p95_ms": 1, "queries": 1}, "scorecard": {"p95_ms": 60, "queries": 9}, "import": {"s": 9}}
    (tmp_path / "a.json").write_text(json.dumps(small))
    (tmp_path / "b.json").write_text(json.dumps(large))
    assert compare.main([str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 0
    assert "same at both scales" in capsys.readouterr().out

    large["scorecard"]["queries"] = 14
    large["home"] = {"p95_ms": 5, "queries": 3}
    (tmp_path / "b.json").write_text(json.dumps(large))
    assert compare.main([str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 1
    err = capsys.readouterr().err
    assert "scorecard: 9 queries at the small scale, 14 at the large" in err
    assert "home: measured in only one run" in err
