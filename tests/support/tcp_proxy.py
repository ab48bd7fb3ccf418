"""A TCP proxy between the functions and PostgreSQL (or PgBouncer) that can be frozen.

Frozen, it keeps every socket open and accepts new ones, but forwards nothing: what a network
partition or a stuck pooler looks like from the function's side.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

from tests.support.servers import free_port


class FreezableProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self._flowing = threading.Event()
        self._flowing.set()
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def freeze(self) -> None:
        self._flowing.clear()

    def thaw(self) -> None:
        self._flowing.set()

    def close(self) -> None:
        self._stopped.set()
        self._flowing.set()
        for sock in [self._listener, *self._sockets]:
            sock.close()

    def __enter__(self) -> FreezableProxy:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            # Frozen, the upstream connection is not even opened: the handshake hangs.
            self._flowing.wait()
            if self._stopped.is_set():
                return
            server = socket.create_connection(self.upstream)
            self._sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            # Bytes that arrive while frozen are held, not forwarded, until the thaw.
            self._flowing.wait()
            if not data or self._stopped.is_set():
                for sock in (source, target):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                return
            try:
                target.sendall(data)
            except OSError:
                return
