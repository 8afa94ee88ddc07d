"""Which of a story's FAQ pairs readers see (settings.READER_FAQS names it).

Pairs editors wrote, approved or edited are always shown. Generated ones are
shown when the site publishes generated pairs (Settings > Enrichment), and
only while the story's text still says what they quote: an edit can take a
quoted sentence away before enrichment has run again.
"""

import hashlib
import json

from django.core.cache import cache

from broadsheet.enrich import page_text
from broadsheet.enrich.models import EnrichmentSettings
from broadsheet.enrich.nlp import grounding

# Which generated answers a version of a story supports, kept this long: the
# key names the story's words and the answers, so it never goes stale; the
# time only lets an archive's old versions leave the cache.
SUPPORT_SECONDS = 7 * 24 * 3600


def live_faqs(page, request=None) -> list:
    publish_generated = EnrichmentSettings.current(request).publish_generated_faqs
    faqs = [faq for faq in page.faqs.all() if faq.is_live(publish_generated)]
    if all(faq.editors_own for faq in faqs):
        return faqs
    supported = supported_answers(page, [faq for faq in faqs if not faq.editors_own])
    return [faq for faq in faqs if faq.editors_own or faq.answer in supported]


def supported_answers(page, faqs) -> set[str]:
    """The answers among `faqs` that the story's words support. Reading the
    story into sentences and checking each answer is the costliest part of an
    article's render, and the same for every reader of one version of the
    story: it is done once per version (its words and the answers are the
    key) and cached."""
    key = support_key(page, faqs)
    found = cache.get(key)
    if found is None:
        sentences = page_text.story_for(page).sentences
        found = [faq.answer for faq in faqs if grounding.support(faq.answer, sentences)]
        cache.set(key, found, SUPPORT_SECONDS)
    return set(found)


def support_key(page, faqs) -> str:
    """Everything story_for reads (the stored body, not its blocks: no image
    is loaded for it), and the answers."""
    words = json.dumps(
        [
            page.title,
            page.standfirst,
            page.topic.name if page.topic_id and page.topic else "",
            page.section.title if page.section_id and page.section else "",
            list(page.body.raw_data),
            sorted(faq.answer for faq in faqs),
        ],
        sort_keys=True,
        default=str,
    )
    return "faq-support:" + hashlib.sha1(words.encode()).hexdigest()
