"""When the database does not answer (a restart, a failover), pages fail cleanly: 503 with an Indonesian page
and Retry-After, never a traceback. Checked in a process pointed at a port where no database listens."""

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for path in ["/rpjpd/", "/pustaka/?q=irigasi", "/konsultasi/"]:
    response = client.get(path)
    out[path] = [response.status_code, response.get("Retry-After"), response.content.decode()]
print(json.dumps(out))
"""


def test_pages_answer_503_while_the_database_is_down():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/ruangrunding",  # nothing listens on port 1
        "CACHE_URL": "locmem://",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    for path, (status, retry_after, html) in json.loads(result.stdout.strip().splitlines()[-1]).items():
        assert status == 503, path
        assert retry_after == "5"
        assert "Portal sedang tidak dapat dibuka sebentar" in html
        assert "Traceback" not in html and "OperationalError" not in html
