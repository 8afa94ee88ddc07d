"""The near-duplicate sketch on invented copy: a carrier that keeps only the
first paragraph, or gives the copy a new headline, is the same copy; a short
report that shares a few words with a long one is not."""

from broadsheet.desk.clustering import neardup

PARAGRAPHS = [
    "Storm Petra brought down power lines across the north coast of Norland"
    " on Tuesday night, leaving forty thousand homes without electricity.",
    "The national grid operator said crews had restored supply to half of"
    " the affected homes by morning and expected to finish by Thursday.",
    "Ferries between Kelby and the islands were cancelled for a second day"
    " as winds gusted above ninety kilometres an hour along the coast.",
    "The weather service kept its amber warning in place until Wednesday"
    " evening and urged drivers to avoid the coastal road near Arnhaven.",
    "Schools in three districts stayed closed, and the harbour authority"
    " said two fishing boats had been damaged at their moorings overnight.",
    "Residents of Arnhaven described hearing the roof of the old market hall"
    " tear away shortly after midnight, though nobody was hurt.",
]
BODY = "\n\n".join(PARAGRAPHS)
TITLE = "Storm Petra cuts power to 40,000 homes in Norland"


def test_a_first_paragraph_under_the_same_headline_is_the_same_copy():
    whole = neardup.signature(BODY, TITLE)
    first = neardup.signature(PARAGRAPHS[0], TITLE)
    assert neardup.is_near_duplicate(neardup.containment(first, whole))
    assert neardup.containment(first, whole) == neardup.containment(whole, first)


def test_a_new_headline_keeps_the_copy():
    original = neardup.signature(BODY, TITLE)
    retitled = neardup.signature(BODY, "Thousands in the dark as storm hits coast")
    assert neardup.is_near_duplicate(neardup.containment(retitled, original))


def test_a_long_text_is_sampled_and_still_recognised():
    # Longer than the sketch: its containment is estimated, not counted.
    long_body = "\n\n".join(
        f"{p} Officials counted {n} reports by the end of the day."
        for n, p in enumerate(PARAGRAPHS * 4)
    )
    whole = neardup.signature(long_body, TITLE)
    assert whole.size > neardup.SKETCH
    trimmed = neardup.signature(long_body[: len(long_body) // 2], TITLE)
    assert neardup.is_near_duplicate(neardup.containment(trimmed, whole))


def test_another_report_of_the_event_is_not_the_same_copy():
    other = neardup.signature(
        "Forty thousand homes lost power when Storm Petra struck Norland,"
        " the grid operator said, and ferries to the islands were cancelled."
        " Crews worked through the night on the coastal lines.",
        "Petra: homes without power",
    )
    assert not neardup.is_near_duplicate(
        neardup.containment(other, neardup.signature(BODY, TITLE))
    )


def test_a_headline_alone_is_not_copy():
    assert neardup.signature("Storm Petra hits", TITLE) is None


def test_the_signature_survives_storage():
    stored = neardup.signature(BODY, TITLE)
    again = neardup.Signature.from_text(stored.to_text())
    assert again.size == stored.size
    assert (again.hashes == stored.hashes).all()
