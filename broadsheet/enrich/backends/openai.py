"""The optional language-model back end: any OpenAI-compatible server.

llama.cpp's server, vLLM, Ollama and hosted services all answer
POST {BROADSHEET_LLM_URL}/chat/completions. The model is shown the story's
numbered sentences and asked to answer by quoting them; the grounding check in
`finish`, never the model's own claims, decides what is kept. Any failure
raises FAQBackendError, and `generate_faq` then uses the default back end.
"""

import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from broadsheet.enrich.backends.base import FAQBackend, FAQBackendError
from broadsheet.enrich.nlp.story import FAQPair, Story

logger = logging.getLogger(__name__)

MIN_PAIRS = 4  # with fewer, the default generator's FAQ serves readers better
SPARE_PAIRS = 2  # asked for beyond max_pairs: some answers fail the check
MAX_SENTENCES = 150  # keeps the prompt inside a small local model's context
MAX_TOKENS = 2000  # room for eight quoted answers; stops a model that rambles
MAX_QUESTION_CHARS = 200  # a question is one line, whatever the story says
BACKOFF_SECONDS = 0.5  # before the first retry, doubled for each one after
ENTITY_LIMIT = 10

INSTRUCTIONS = """\
You write the FAQ printed under a news story. You are given the story's \
headline and its sentences, numbered. Write {count} questions a reader of the \
story might ask, each answered by the story itself.

Every answer must be copied word for word from the numbered sentences: one or \
more whole sentences, or a contiguous part of a single sentence. Never \
paraphrase, summarise or add words. Each question ends with a question mark, \
and no two questions are answered by the same sentences.

Reply with JSON only, in this form:
{{"faqs": [{{"question": "...", "answer": "...", "sentences": [1]}}]}}
where "sentences" lists the numbers of the sentences the answer quotes."""

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


class OpenAIBackend(FAQBackend):
    name = "openai"

    def __init__(self):
        if not (settings.BROADSHEET_LLM_URL and settings.BROADSHEET_LLM_MODEL):
            raise ImproperlyConfigured(
                "The openai FAQ back end needs BROADSHEET_LLM_URL and "
                "BROADSHEET_LLM_MODEL"
            )
        self.url = settings.BROADSHEET_LLM_URL.rstrip("/") + "/chat/completions"
        self.model = settings.BROADSHEET_LLM_MODEL
        key = settings.BROADSHEET_LLM_API_KEY
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.timeout = settings.BROADSHEET_LLM_TIMEOUT
        self.retries = settings.BROADSHEET_LLM_RETRIES

    def generate(self, story: Story, max_pairs: int = 6) -> list[FAQPair]:
        if not story.sentences:
            raise FAQBackendError("the story has no sentences to quote")
        request = self.chat_request(story, max_pairs)
        reply = post_with_retries(
            self.url, request, self.headers, self.timeout, self.retries
        )
        pairs = self.finish(parse_pairs(reply_content(reply)), story, max_pairs)
        if len(pairs) < min(MIN_PAIRS, max_pairs):
            raise FAQBackendError(f"only {len(pairs)} answers were quoted correctly")
        return pairs

    def chat_request(self, story: Story, max_pairs: int) -> dict:
        instructions = INSTRUCTIONS.format(count=max_pairs + SPARE_PAIRS)
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": instructions},
                {"role": "user", "content": story_prompt(story)},
            ],
            # The same story gets the same FAQ, and quoting needs no invention.
            "temperature": 0,
            "max_tokens": MAX_TOKENS,
            "response_format": {"type": "json_object"},
        }


def story_prompt(story: Story) -> str:
    from broadsheet.enrich.nlp.entities import key_entities

    numbered = [
        f"{number}. {sentence}"
        for number, sentence in enumerate(story.sentences[:MAX_SENTENCES], start=1)
    ]
    lines = [f"Headline: {story.headline}"]
    names = [entity.name for entity in key_entities(story, limit=ENTITY_LIMIT)]
    if names:
        # Steers a small model towards what the story is about.
        lines.append(f"The story is about: {', '.join(names)}")
    return "\n".join([*lines, "", "Sentences:", *numbered])


def post_json(url: str, payload: dict, headers: dict, timeout: float) -> dict:
    """POST `payload` as JSON, return the JSON reply: this back end's only HTTP."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def post_with_retries(
    url: str, payload: dict, headers: dict, timeout: float, retries: int
) -> dict:
    """`post_json`, tried again after failures that may pass: timeouts, dropped
    connections, 429 (rate limited) and 5xx. Other failures are final."""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
        try:
            return post_json(url, payload, headers, timeout)
        except urllib.error.HTTPError as error:
            failure = http_failure(error)
            if error.code != 429 and error.code < 500:
                raise FAQBackendError(failure) from error
        except ValueError as error:  # the reply is not JSON (or not UTF-8)
            raise FAQBackendError(f"the server's reply is not JSON: {error}") from error
        except (OSError, http.client.HTTPException) as error:
            failure = f"{type(error).__name__}: {error}"
        logger.info(
            "LLM request %d of %d failed: %s", attempt + 1, retries + 1, failure
        )
    raise FAQBackendError(f"{failure} after {retries + 1} attempts")


def http_failure(error: urllib.error.HTTPError) -> str:
    # The body usually says why ("model not found"): worth a line in the log.
    with error:
        detail = error.read(300).decode("utf-8", "replace").strip()
    return f"HTTP {error.code} {detail}".strip()


def reply_content(reply: dict) -> str:
    try:
        content = reply["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise FAQBackendError("the reply holds no message") from None
    if not isinstance(content, str):
        raise FAQBackendError("the reply's message is not text")
    return content


def parse_pairs(content: str) -> list[FAQPair]:
    """The pairs in the model's reply, read tolerantly: in a ```json fence or
    not, with words around the object. Claimed sentence numbers are ignored:
    asking for them makes the model copy, but the grounding check decides."""
    fenced = _FENCE.search(content)
    text = fenced.group(1) if fenced else content
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start : end + 1]) if start != -1 else None
    except ValueError:
        data = None
    faqs = data.get("faqs") if isinstance(data, dict) else None
    if not isinstance(faqs, list):
        raise FAQBackendError("the model's reply is not the JSON asked for")
    return [pair for item in faqs if (pair := _pair(item))]


def _pair(item) -> FAQPair | None:
    if not isinstance(item, dict):
        return None
    question, answer = item.get("question"), item.get("answer")
    if not (isinstance(question, str) and isinstance(answer, str)):
        return None
    question = " ".join(question.split())
    if len(question) > MAX_QUESTION_CHARS:
        return None
    return FAQPair(question, answer, ())
