"""Which of a story's FAQ pairs readers see (settings.READER_FAQS names it).

Pairs editors wrote, approved or edited are always shown. Generated ones are
shown when the site publishes generated pairs (Settings > Enrichment), and
only while the story's text still says what they quote: an edit can take a
quoted sentence away before enrichment has run again.
"""

from broadsheet.enrich import page_text
from broadsheet.enrich.models import EnrichmentSettings
from broadsheet.enrich.nlp import grounding


def live_faqs(page, request=None) -> list:
    publish_generated = EnrichmentSettings.current(request).publish_generated_faqs
    faqs = [faq for faq in page.faqs.all() if faq.is_live(publish_generated)]
    if all(faq.editors_own for faq in faqs):
        return faqs
    sentences = page_text.story_for(page).sentences
    return [
        faq
        for faq in faqs
        if faq.editors_own or grounding.support(faq.answer, sentences)
    ]
