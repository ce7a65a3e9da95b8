from types import SimpleNamespace

from sitat.evaluate.gold import GoldDocument, GoldQuote
from sitat.evaluate.quotes import match, overlap_ratio, score


def predicted(start, end, type_="direct", name=None):
    return SimpleNamespace(start=start, end=end, type=type_, text="x" * (end - start),
                           speaker=SimpleNamespace(name=name), explanation=["rule"])


def test_overlap_ratio_uses_the_longer_span():
    assert overlap_ratio((0, 10), (0, 10)) == 1.0
    assert overlap_ratio((0, 10), (5, 25)) == 0.25
    assert overlap_ratio((0, 10), (10, 20)) == 0.0


def test_match_is_one_to_one_best_first():
    gold = [GoldQuote(0, 10, "direct", "A"), GoldQuote(12, 20, "direct", "B")]
    pred = [predicted(0, 20), predicted(1, 10)]
    assert sorted(match(gold, pred, 0.3)) == [(0, 1), (1, 0)]


def test_score_lenient_strict_and_speaker_accuracy():
    doc = GoldDocument("d", "nb", "test", "t" * 100, "own", [
        GoldQuote(0, 10, "direct", "Kari Holm"),
        GoldQuote(20, 40, "indirect", "politiet"),
        GoldQuote(60, 70, "mixed", None),
    ])
    preds = [predicted(0, 10, name="kari  holm"), predicted(20, 30, "indirect", "Politiet"), predicted(80, 90)]
    result = score([doc], [preds])
    assert result["lenient"]["precision"] == round(2 / 3, 4)
    assert result["lenient"]["recall"] == round(2 / 3, 4)
    assert result["strict"]["recall"] == round(1 / 3, 4)  # 10/20 overlap is below 0.8
    assert result["lenient"]["speaker_accuracy"] == 1.0
    assert result["lenient"]["per_type"]["mixed"]["recall"] == 0.0
