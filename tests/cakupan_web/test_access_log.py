"""The access log: one line per request, private, without query strings."""

from __future__ import annotations

import stat

from cakupan_web.access_log import AccessLog


def test_one_private_line_per_request_without_the_query(tmp_path):
    def app(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"nothing ", b"here"]

    logged = AccessLog(app, tmp_path / "access.log")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/cari",
        "QUERY_STRING": "nik=3516125708860003",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "cakupan.user": "operator_jabon",
    }
    response = logged(environ, lambda status, headers: None)
    body = b"".join(response)
    response.close()  # as every WSGI server does (PEP 3333): the line is written then
    assert body == b"nothing here"
    (line,) = (tmp_path / "access.log").read_text().splitlines()
    assert line.startswith("10.0.0.7 - operator_jabon [")
    assert '"GET /cari HTTP/1.1" 404 12 ' in line
    assert "3516125708860003" not in line
    assert stat.S_IMODE((tmp_path / "access.log").stat().st_mode) == 0o600


def test_the_application_is_closed_as_wsgi_asks(tmp_path):
    """Django ends a request (closes its database connections) in its response's close."""
    closed = []

    class Body:
        def __iter__(self):
            yield b"ok"

        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("200 OK", [])
        return Body()

    response = AccessLog(app, tmp_path / "access.log")({"PATH_INFO": "/"}, lambda *a: None)
    assert b"".join(response) == b"ok" and not closed
    response.close()
    response.close()  # twice: once passed on, one line
    assert closed == [True]
    assert len((tmp_path / "access.log").read_text().splitlines()) == 1


def test_the_server_log_is_private_whatever_the_umask(tmp_path):
    import logging
    import os

    from cakupan_web.logs import DataFolderFileHandler

    old = os.umask(0o022)
    try:
        handler = DataFolderFileHandler(str(tmp_path / "data" / "server.log"), delay=True)
        handler.emit(logging.makeLogRecord({"msg": "boom", "levelno": 40, "levelname": "ERROR"}))
        handler.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "data" / "server.log").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
