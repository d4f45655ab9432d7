"""A tiny SMTP server that accepts every message and keeps it in memory: the load test's mail server, which it
can stop (the outage) and start again."""

import socketserver
import threading


class SmtpSink:
    def __init__(self, port: int):
        self.port = port
        self.messages: list[tuple[list[str], bytes]] = []
        self.server: socketserver.ThreadingTCPServer | None = None

    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self) -> None:
        sink = self

        class Conversation(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink ESMTP\r\n")
                recipients: list[str] = []
                while line := self.rfile.readline():
                    command = line.strip().upper()
                    if command == b"DATA":
                        self.wfile.write(b"354 end with .\r\n")
                        lines = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(data)
                        sink.messages.append((recipients, b"".join(lines)))
                        self.wfile.write(b"250 queued\r\n")
                    elif command.startswith(b"RCPT"):
                        recipients.append(line.split(b":", 1)[1].strip(b" <>\r\n").decode())
                        self.wfile.write(b"250 OK\r\n")
                    elif command.startswith(b"MAIL"):
                        recipients = []
                        self.wfile.write(b"250 OK\r\n")
                    elif command == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # EHLO, HELO, RSET, NOOP
                        self.wfile.write(b"250 OK\r\n")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Conversation)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def delivered_to(self, address: str) -> int:
        return sum(1 for recipients, _body in self.messages if address in recipients)
