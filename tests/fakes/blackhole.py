"""A loopback address whose connections never complete: a listening socket with its accept queue full.

Linux drops further SYNs while the queue is full, so a client's connect hangs until its connect timeout:
what a gateway or API behind a dead route looks like, with nothing ever sent.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def blackhole() -> Iterator[str]:
    """Yields a base URL (http://127.0.0.1:PORT) that no request reaches."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    try:
        for _ in range(3):  # more than the queue holds
            filler = socket.socket()
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            fillers.append(filler)
        yield f"http://127.0.0.1:{port}"
    finally:
        for filler in fillers:
            filler.close()
        server.close()
