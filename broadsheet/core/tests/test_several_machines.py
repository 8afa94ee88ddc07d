"""Two web servers and two workers sharing one PostgreSQL and one Redis, as
on two machines behind a load balancer (docs/deploy.md): a change made on
one is seen on the other within a second, each scheduled story is published
exactly once, each task runs once, and a worker killed mid-task leaves
nothing half-done: its task runs again on the other."""

import json
import signal
import time

import psycopg
import pytest
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from broadsheet.core.tests.sites import Site, private_servers
from broadsheet.news.models import Topic

pytestmark = pytest.mark.faults

LEASE = 3  # seconds: WORKER_LEASE_SECONDS for this test


@task()
def make_topic(name: str) -> str:
    return Topic.objects.create(name=name).slug


@task()
def make_topic_slowly(name: str) -> str:
    """All or nothing: killed while it sleeps, its topic is rolled back."""
    with transaction.atomic():
        topic = Topic.objects.create(name=name)
        time.sleep(8)
    return topic.slug


@pytest.fixture(scope="module")
def machines(tmp_path_factory, django_db_setup):
    tmp = tmp_path_factory.mktemp("machines")
    env, redis, postgres = private_servers(tmp, WORKER_LEASE_SECONDS=str(LEASE))
    one = Site(env, tmp, "one").start(web_processes=1)
    two = Site(env, tmp, "two").start(web_processes=1)
    yield one, two
    for site in (one, two):
        site.stop()
    redis.stop()
    postgres.remove()


def within(seconds, check):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def run(site, code):
    """Python in a `broadsheet shell` on these servers; its last line."""
    return site.shell(code)


def test_a_change_on_one_machine_is_seen_on_the_other_within_a_second(machines):
    one, two = machines
    for site in (one, two):
        site.get("/")
        assert site.get("/")[1]["X-Cache"] == "hit"

    run(
        one,
        "from broadsheet.testing import make_article\n"
        "make_article('Ferry strike called off', 'world')\nprint('ok')",
    )
    assert within(1, lambda: b"Ferry strike called off" in two.get("/")[2])
    assert b"Ferry strike called off" in one.get("/")[2]


def test_each_scheduled_story_is_published_exactly_once(machines):
    one, two = machines
    titles = [f"Scheduled story {n}" for n in range(8)]
    run(
        one,
        "from datetime import timedelta\n"
        "from django.utils.timezone import now\n"
        "from broadsheet.testing import make_article\n"
        f"for title in {titles!r}:\n"
        "    make_article(title, 'world', go_live_at=now() + timedelta(seconds=2))\n"
        "print('ok')",
    )

    def published():
        return json.loads(
            run(
                one,
                "import json\nfrom wagtail.models import PageLogEntry\n"
                "from broadsheet.news.models import ArticlePage\n"
                f"pages = ArticlePage.objects.filter(title__in={titles!r})\n"
                "print(json.dumps({p.title: [p.live, PageLogEntry.objects.filter("
                "page=p, action='wagtail.publish.scheduled').count()] "
                "for p in pages}))",
            )
        )

    assert within(30, lambda: all(live for live, _ in published().values()))
    time.sleep(2)  # both workers have had more rounds since
    assert published() == {title: [True, 1] for title in titles}


def test_each_task_runs_once_and_a_killed_workers_task_runs_again(machines):
    one, two = machines
    names = [f"Task topic {n}" for n in range(12)]
    code = (
        "import json\n"
        "from broadsheet.core.tests.test_several_machines import "
        "make_topic, make_topic_slowly\n"
        "ids = [str(make_topic_slowly.enqueue('Slow topic').id)]\n"
        f"ids += [str(make_topic.enqueue(n).id) for n in {names!r}]\n"
        "print(json.dumps(ids))"
    )
    ids = json.loads(run(one, code))

    def results():
        """{task id: [status, worker ids]}, read straight from PostgreSQL."""
        url = one.env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url) as db:
            rows = db.execute(
                f"SELECT id, status, worker_ids FROM {DBTaskResult._meta.db_table}"
                " WHERE id::text = ANY(%s)",
                [ids],
            ).fetchall()
        return {str(id): [status, workers] for id, status, workers in rows}

    # The slow task is running on one of the workers: kill that one.
    slow = ids[0]
    assert within(20, lambda: results()[slow][0] == "RUNNING")
    owner = results()[slow][1][-1]
    victim = next(site for site in (one, two) if f"-{site.worker.pid}-" in f"-{owner}")
    victim.worker.send_signal(signal.SIGKILL)
    victim.worker.wait()

    assert within(
        30, lambda: all(status == "SUCCESSFUL" for status, _ in results().values())
    )
    done = results()
    assert len(done[slow][1]) == 2  # claimed by the killed worker, then another
    assert all(len(workers) == 1 for key, (_, workers) in done.items() if key != slow)
    counts = json.loads(
        run(
            one,
            "import json\nfrom broadsheet.news.models import Topic\n"
            f"names = {[*names, 'Slow topic']!r}\n"
            "print(json.dumps([Topic.objects.filter(name=n).count() "
            "for n in names]))",
        )
    )
    assert counts == [1] * (len(names) + 1)
    victim.start_worker()
