"""FAQ back ends: the checks every FAQ passes, the choice of back end, and the
OpenAI-compatible one against a real chat-completions server on 127.0.0.1.

No database: back ends read a `Story`. The default generator is replaced by a
fake one here, so these tests are about the back ends, not its questions.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from broadsheet import settings as broadsheet_settings
from broadsheet.enrich.backends import FAQResult, generate_faq, get_faq_backend
from broadsheet.enrich.backends import openai as openai_backend
from broadsheet.enrich.backends.base import QUOTED_LABEL, FAQBackend
from broadsheet.enrich.backends.dummy import DummyBackend
from broadsheet.enrich.nlp.story import FAQPair, Story

SENTENCES = [
    "The Bank of England raised interest rates to 5.25 per cent on Thursday.",
    "It was the fourteenth rise in a row.",
    "The governor said inflation was still far too high.",
    "Mortgage rates are expected to climb further this year.",
    "Economists had predicted the move after figures published last week.",
    "The bank's next decision is due in September.",
]
QUESTIONS = [
    "What did the Bank of England decide on Thursday?",
    "Was this the first rise in rates?",
    "What did the governor say about inflation?",
    "What happens to mortgage rates next?",
    "Did economists expect the rise?",
    "When is the bank's next decision due?",
]
INVENTED = [
    {"question": "Will rates fall next year?", "answer": "Rates will fall in 2025."},
    {
        "question": "Why did the bank act?",
        "answer": "The bank acted because prices rose.",
        "sentences": [1],
    },
]


def make_story(sentences=SENTENCES):
    story = Story(headline="Bank raises rates again", paragraphs=[" ".join(sentences)])
    # Fixed sentences: these tests are about back ends, not sentence splitting.
    story.sentences = list(sentences)
    return story


def faq_items(count=6, claimed=None):
    return [
        {"question": question, "answer": answer, "sentences": claimed or [number]}
        for number, (question, answer) in enumerate(
            zip(QUESTIONS[:count], SENTENCES[:count], strict=True), start=1
        )
    ]


def faq_json(items):
    return json.dumps({"faqs": items})


class FakeDefaultBackend(FAQBackend):
    """Stands in for the offline generator: one fixed, recognisable pair."""

    name = "default"
    pair = FAQPair("What is this story mainly about?", SENTENCES[0], (0,))

    def generate(self, story, max_pairs=6):
        return self.finish([self.pair], story, max_pairs)


# --- a chat-completions server ---------------------------------------------------


class ChatServer:
    """An OpenAI-compatible server on 127.0.0.1 that answers as a test says.

    `replies` is a queue of (status, body, delay); the last one repeats.
    `requests` records each request's headers and JSON body.
    """

    def __init__(self):
        self.replies = []
        self.requests = []
        self.released = threading.Event()  # wakes slow replies at tear-down
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.httpd.daemon_threads = True
        # A short poll: shutdown() waits for it, once per test.
        serve = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        serve.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def reply(self, content, status=200, delay=0.0):
        """Answer with a chat completion whose message is `content`."""
        body = {"choices": [{"index": 0, "message": {"content": content}}]}
        self.replies.append((status, json.dumps(body).encode(), delay))

    def fail(self, status, body=b'{"error": {"message": "no"}}', delay=0.0):
        self.replies.append((status, body, delay))

    def stop(self):
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                server.requests.append((self.path, dict(self.headers), body))
                status, reply, delay = (
                    server.replies.pop(0)
                    if len(server.replies) > 1
                    else server.replies[0]
                )
                if delay:
                    server.released.wait(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                except OSError:  # the client gave up waiting: what was tested
                    pass

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def server():
    chat = ChatServer()
    yield chat
    chat.stop()


@pytest.fixture
def fake_generators(monkeypatch, settings):
    """The default back end and the entity finder, replaced by fixed fakes."""
    settings.BROADSHEET_FAQ_BACKENDS = {
        **settings.BROADSHEET_FAQ_BACKENDS,
        "default": f"{__name__}.FakeDefaultBackend",
    }
    entities = types.ModuleType("broadsheet.enrich.nlp.entities")
    entities.key_entities = lambda story, limit=10: [
        types.SimpleNamespace(name="Bank of England")
    ]
    monkeypatch.setitem(sys.modules, "broadsheet.enrich.nlp.entities", entities)


@pytest.fixture
def llm(server, settings, monkeypatch, fake_generators):
    """The openai back end chosen and pointed at the local server."""
    for proxy in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    settings.BROADSHEET_FAQ_BACKEND = "openai"
    settings.BROADSHEET_LLM_URL = server.url
    settings.BROADSHEET_LLM_MODEL = "test-model"
    settings.BROADSHEET_LLM_API_KEY = "sk-test"
    settings.BROADSHEET_LLM_TIMEOUT = 0.3
    settings.BROADSHEET_LLM_RETRIES = 2
    monkeypatch.setattr(openai_backend, "BACKOFF_SECONDS", 0)
    return server


@pytest.fixture
def logged(caplog):
    """Records the back ends' log (the broadsheet logger does not propagate)."""
    logger = logging.getLogger("broadsheet.enrich.backends")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


def fell_back(result):
    return result == FAQResult([FakeDefaultBackend.pair], "default", QUOTED_LABEL)


# --- the OpenAI-compatible back end -------------------------------------------------


def test_quoted_answers_from_the_model_are_kept_with_their_true_sources(llm):
    llm.reply(faq_json(faq_items(claimed=[6])))

    result = generate_faq(make_story())

    assert result.backend_name == "openai"
    assert result.label == QUOTED_LABEL
    assert [pair.question for pair in result.pairs] == QUESTIONS
    assert [pair.answer for pair in result.pairs] == SENTENCES
    assert [pair.sources for pair in result.pairs] == [(i,) for i in range(6)]


def test_invented_answers_are_dropped_whatever_sentences_they_claim(llm, logged):
    llm.reply(faq_json([*INVENTED, *faq_items(5)]))

    result = generate_faq(make_story())

    assert result.backend_name == "openai"
    assert [pair.question for pair in result.pairs] == QUESTIONS[:5]
    assert "dropped 2 of 7 pairs" in logged.text


def test_a_part_of_one_sentence_is_a_quote(llm):
    items = faq_items(4)
    span = "predicted the move after figures published"
    items.append({"question": "What had economists predicted?", "answer": span})
    llm.reply(faq_json(items))

    pairs = generate_faq(make_story()).pairs

    assert pairs[-1].answer == span
    assert pairs[-1].sources == (4,)


def test_json_in_a_code_fence_is_read(llm):
    llm.reply(f"Here is the FAQ:\n```json\n{faq_json(faq_items())}\n```\n")

    result = generate_faq(make_story())

    assert result.backend_name == "openai"
    assert len(result.pairs) == 6


def test_no_more_pairs_than_asked_for(llm):
    llm.reply(faq_json(faq_items()))

    result = generate_faq(make_story(), max_pairs=4)

    assert [pair.question for pair in result.pairs] == QUESTIONS[:4]


def test_the_request_names_the_model_and_key_and_asks_for_json_at_temperature_0(llm):
    llm.reply(faq_json(faq_items()))

    generate_faq(make_story())

    [(path, headers, body)] = llm.requests
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    prompt = body["messages"][-1]["content"]
    assert "Headline: Bank raises rates again" in prompt
    assert "1. The Bank of England raised interest rates" in prompt
    assert "6. The bank's next decision is due in September." in prompt
    assert "Bank of England" in prompt.split("Sentences:")[0]


def test_no_authorization_header_without_a_key(llm, settings):
    settings.BROADSHEET_LLM_API_KEY = ""
    llm.reply(faq_json(faq_items()))

    generate_faq(make_story())

    assert "Authorization" not in llm.requests[0][1]


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_server_error_or_rate_limit_is_retried(llm, status):
    llm.fail(status)
    llm.reply(faq_json(faq_items()))

    result = generate_faq(make_story())

    assert result.backend_name == "openai"
    assert len(llm.requests) == 2


def test_the_default_writes_the_faq_when_the_server_keeps_failing(llm, logged):
    llm.fail(503)

    result = generate_faq(make_story())

    assert fell_back(result)
    assert len(llm.requests) == 3  # one try and two retries
    assert "FAQ back end openai failed (HTTP 503" in logged.text


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_client_error_is_not_retried(llm, status):
    llm.fail(status)

    result = generate_faq(make_story())

    assert fell_back(result)
    assert len(llm.requests) == 1


def test_a_slow_server_times_out_and_the_default_writes_the_faq(llm, settings):
    settings.BROADSHEET_LLM_TIMEOUT = 0.2
    settings.BROADSHEET_LLM_RETRIES = 1
    llm.reply(faq_json(faq_items()), delay=5)

    started = time.monotonic()
    result = generate_faq(make_story())

    assert fell_back(result)
    assert len(llm.requests) == 2
    assert time.monotonic() - started < 2


def test_a_slow_first_attempt_is_retried(llm):
    llm.reply(faq_json(faq_items()), delay=5)
    llm.reply(faq_json(faq_items()))

    assert generate_faq(make_story()).backend_name == "openai"


@pytest.mark.parametrize(
    "content",
    [
        "Sorry, I cannot help with that.",
        '{"faqs": [{"question": "Why?"',  # cut off mid-reply
        '{"questions": "none"}',
        "```json\nnot json\n```",
    ],
)
def test_a_reply_that_is_not_the_json_asked_for_falls_back(llm, content):
    llm.reply(content)

    assert fell_back(generate_faq(make_story()))
    assert len(llm.requests) == 1


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html>", b'{"choices": []}'])
def test_a_reply_that_is_not_a_chat_completion_falls_back(llm, body):
    llm.fail(200, body)

    assert fell_back(generate_faq(make_story()))


def test_fewer_than_four_quoted_answers_fall_back(llm):
    llm.reply(faq_json([*faq_items(3), *INVENTED]))

    assert fell_back(generate_faq(make_story()))


def test_a_refused_connection_falls_back(llm, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.BROADSHEET_LLM_URL = f"http://127.0.0.1:{port}/v1"

    assert fell_back(generate_faq(make_story()))


def test_a_story_without_sentences_asks_no_server(llm):
    result = generate_faq(make_story(sentences=[]))

    assert result.backend_name == "default"
    assert llm.requests == []


def test_the_openai_back_end_needs_an_address_and_a_model(settings):
    settings.BROADSHEET_LLM_URL = ""
    settings.BROADSHEET_LLM_MODEL = "test-model"

    with pytest.raises(ImproperlyConfigured, match="BROADSHEET_LLM_URL"):
        get_faq_backend("openai")


# --- the checks every FAQ passes ------------------------------------------------------


def finished(pairs, max_pairs=6):
    return DummyBackend().finish(pairs, make_story(), max_pairs)


def test_finish_recomputes_sources_and_keeps_order():
    pairs = finished(
        [FAQPair(q, a, (5,)) for q, a in zip(QUESTIONS, SENTENCES, strict=True)]
    )

    assert [pair.sources for pair in pairs] == [(i,) for i in range(6)]


@pytest.mark.parametrize(
    "question",
    [
        "What did the Bank of England decide",  # not a question
        "What happened?",  # too short to tell a reader anything
        "Bank decision?",
    ],
)
def test_finish_drops_questions_readers_cannot_use(question):
    assert finished([FAQPair(question, SENTENCES[0], ())]) == []


def test_finish_drops_a_question_asked_twice_in_other_words_case_or_spacing():
    pairs = finished(
        [
            FAQPair("What did the governor say?", SENTENCES[2], ()),
            FAQPair("what did the Governor  say ?", SENTENCES[3], ()),
        ]
    )

    assert [pair.answer for pair in pairs] == [SENTENCES[2]]


def test_finish_drops_a_second_answer_from_the_same_sentences():
    pairs = finished(
        [
            FAQPair("What did the governor say?", SENTENCES[2], ()),
            FAQPair("Is inflation still a worry?", SENTENCES[2], ()),
        ]
    )

    assert [pair.question for pair in pairs] == ["What did the governor say?"]


def test_finish_returns_at_most_max_pairs():
    pairs = [FAQPair(q, a, ()) for q, a in zip(QUESTIONS, SENTENCES, strict=True)]

    assert len(finished(pairs, max_pairs=4)) == 4


# --- choosing a back end ---------------------------------------------------------


def test_the_dummy_back_end_quotes_the_first_sentences(settings):
    settings.BROADSHEET_FAQ_BACKEND = "dummy"

    result = generate_faq(make_story(), max_pairs=4)

    assert result.backend_name == "dummy"
    assert [pair.answer for pair in result.pairs] == SENTENCES[:4]
    assert result.pairs[0].question == "What does sentence 1 of the story say?"
    assert result == generate_faq(make_story(), max_pairs=4)


def test_the_default_back_end_checks_what_the_generator_writes(settings, monkeypatch):
    written = [
        FAQPair(QUESTIONS[0], SENTENCES[0], ()),
        FAQPair("What about the weather?", "It will rain.", (1,)),
    ]
    faq = types.ModuleType("broadsheet.enrich.nlp.faq")
    faq.generate = lambda story, max_pairs=6: written
    monkeypatch.setitem(sys.modules, "broadsheet.enrich.nlp.faq", faq)
    settings.BROADSHEET_FAQ_BACKEND = "default"

    result = generate_faq(make_story())

    assert result == FAQResult(
        [FAQPair(QUESTIONS[0], SENTENCES[0], (0,))], "default", QUOTED_LABEL
    )


def test_an_unknown_back_end_is_a_configuration_error(settings):
    settings.BROADSHEET_FAQ_BACKEND = "oracle"

    with pytest.raises(ImproperlyConfigured, match="oracle"):
        generate_faq(make_story())


# --- settings -------------------------------------------------------------------------

CHOSEN = "import broadsheet.settings as s; print(s.BROADSHEET_FAQ_BACKEND)"


def chosen_backend(tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BROADSHEET_", "DJANGO_"))
    }
    environment.update(
        PYTHONPATH=str(Path(broadsheet_settings.__file__).parent.parent),
        BROADSHEET_DATA_DIR=str(tmp_path),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", CHOSEN],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_setting_a_server_address_chooses_the_openai_back_end(tmp_path):
    process = chosen_backend(
        tmp_path,
        BROADSHEET_LLM_URL="http://127.0.0.1:8080/v1",
        BROADSHEET_LLM_MODEL="qwen",
    )

    assert process.stdout.strip() == "openai", process.stderr


def test_the_backend_variable_wins_over_the_server_address(tmp_path):
    process = chosen_backend(
        tmp_path,
        BROADSHEET_LLM_URL="http://127.0.0.1:8080/v1",
        BROADSHEET_FAQ_BACKEND="default",
    )

    assert process.stdout.strip() == "default", process.stderr


def test_openai_without_a_model_stops_start_up(tmp_path):
    process = chosen_backend(tmp_path, BROADSHEET_LLM_URL="http://127.0.0.1:8080/v1")

    assert process.returncode != 0
    assert "BROADSHEET_LLM_MODEL" in process.stderr


@pytest.mark.parametrize("value", ["soon", "1.5", "-1"])
def test_a_bad_number_of_retries_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("BROADSHEET_LLM_RETRIES", value)

    with pytest.raises(ImproperlyConfigured, match="BROADSHEET_LLM_RETRIES"):
        broadsheet_settings.envint("BROADSHEET_LLM_RETRIES", 2)
