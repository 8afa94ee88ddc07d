import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html
from broadsheet import testing

pytestmark = pytest.mark.django_db

def test_scratch(client):
    ed = testing.make_editor()
    client.force_login(ed)
    sec = testing.section("world")
    r = client.get(reverse("wagtailadmin_pages:add", args=("news", "articlepage", sec.pk)))
    print(r.status_code)
    open("/tmp/scratch/add.html", "w").write(r.content.decode())
    q = querydict_from_html(r.content.decode(), form_id="page-edit-form")
    for k, v in q.lists():
        print(k, v)
