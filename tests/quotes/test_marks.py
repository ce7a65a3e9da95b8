import pytest

from sitat.quotes.marks import marked_segments


@pytest.mark.parametrize(
    "text, inner",
    [
        ("«Vi er klare», sa Putin.", ["Vi er klare"]),
        ('"Vi er klare", sa Putin.', ["Vi er klare"]),
        ("„Vi er klare“, sa han.", ["Vi er klare"]),
        ("Han kalte det «et prosjekt» og «noe annet».", ["et prosjekt", "noe annet"]),
        ("«Hun sa «nei» til meg», sier han.", ["Hun sa «nei» til meg"]),
        ("«Dette fortsetter i neste avsnitt", ["Dette fortsetter i neste avsnitt"]),
    ],
)
def test_marked_segments_pairs_marks(text, inner):
    segments = marked_segments(text)
    assert [text[s.content_start : s.content_end(len(text))] for s in segments] == inner


def test_marked_segments_none_without_marks():
    assert marked_segments("– Vi er klare, sa Putin.") == []
