"""What a list field gained or lost (publish/change_html.only_in) is exactly the entries the
other list lacks, in order, however the lists share their beginning."""

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.change_html import only_in

entries = st.lists(
    st.fixed_dictionaries(
        {
            "date": st.sampled_from(["2022-03-18", "2022-04-01", "2022-05-17"]),
            "source": st.sampled_from(["a", "b", "c", "d"]),
        }
    ),  # fmt: skip
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(entries, entries, st.integers(0, 8))
def test_only_in_is_the_entries_the_other_lacks(tail, other_tail, shared):
    common = (tail + other_tail)[:shared]
    before, after = common + other_tail, common + tail
    assert only_in(after, before) == [e for e in after if e not in before]
    assert only_in(before, after) == [e for e in before if e not in after]
