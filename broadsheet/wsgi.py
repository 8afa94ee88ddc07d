import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")

application = get_wsgi_application()

# Each web worker imports this module when it starts: it loads the URLconf
# and compiles the readers' templates now, not during its first page.
from broadsheet.core.warmup import warm_up  # noqa: E402

warm_up()
