"""How many SQL queries each benchmarked page runs (second request, caches warm). Reads a JSON list of
[path, session key or null] on stdin, prints a JSON list of counts."""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

counts = []
for path, session in json.load(sys.stdin):
    client = Client(HTTP_HOST="127.0.0.1")
    if session:
        client.cookies["sessionid"] = session
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    counts.append(len(queries))
print(json.dumps(counts))
