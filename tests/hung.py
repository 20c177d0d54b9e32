"""A service that has hung: it accepts connections and never answers.

A real listening socket, so the client under test connects, sends its command and waits
for a reply that never comes, as it would with a Redis server stuck on a full disk.
"""

import socket
import threading


class HungServer:
    """Listens on a free port of 127.0.0.1; `accepted` counts the connections it took."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)  # so the thread notices when the test is over
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def accepted(self):
        return len(self.connections)

    def _accept(self):
        while not self._stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)  # kept open, never read, never answered

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stopped.set()
        self._thread.join()
        for connection in [*self.connections, self.listener]:
            connection.close()
