"""A predictable back end for tests of the app: one pair per first sentences."""

from broadsheet.enrich.backends.base import FAQBackend
from broadsheet.enrich.nlp.story import FAQPair, Story


class DummyBackend(FAQBackend):
    name = "dummy"

    def generate(self, story: Story, max_pairs: int = 6) -> list[FAQPair]:
        pairs = [
            FAQPair(f"What does sentence {number} of the story say?", sentence, ())
            for number, sentence in enumerate(story.sentences[:max_pairs], start=1)
        ]
        return self.finish(pairs, story, max_pairs)
