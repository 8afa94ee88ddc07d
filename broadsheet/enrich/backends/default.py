"""The default back end: the offline generator in broadsheet.enrich.faq."""

from broadsheet.enrich.backends.base import FAQBackend
from broadsheet.enrich.story import FAQPair, Story


class DefaultBackend(FAQBackend):
    name = "default"

    def generate(self, story: Story, max_pairs: int = 6) -> list[FAQPair]:
        # Imported on use: naming this back end (every other one falls back to
        # it) should not load the generator until a FAQ is wanted.
        from broadsheet.enrich.faq import generate

        return self.finish(generate(story, max_pairs=max_pairs), story, max_pairs)
