"""The default back end: the offline generator in broadsheet.enrich.nlp.faq."""

from broadsheet.enrich.backends.base import FAQBackend
from broadsheet.enrich.nlp.story import FAQPair, Story


class DefaultBackend(FAQBackend):
    name = "default"

    def generate(self, story: Story, max_pairs: int = 6) -> list[FAQPair]:
        # Imported on use: naming this back end (every other one falls back to
        # it) should not load the generator until a FAQ is wanted.
        from broadsheet.enrich.nlp.faq import generate

        return self.finish(generate(story, max_pairs=max_pairs), story, max_pairs)
