"""The portal's WSGI application, saying which gunicorn worker answered (tests only), so a test can prove that
what one worker counted another one enforces."""

import os

from ruangrunding.wsgi import application as portal


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Served-By", str(os.getpid()))], exc_info)

    return portal(environ, start)
