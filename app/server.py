"""Serving the API with uvicorn: one process, or `workers` processes sharing one listening socket.

    python -m app.server --host 127.0.0.1 --port 8000 --workers 2      # what `caselink serve` runs
"""

import argparse
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

APP = "app.main:create_app"


def serve(*, host: str, port: int, workers: int = 1, log_level: str = "info") -> None:
    """Serve the app factory; several workers share one socket bound here with TCP_NODELAY.

    uvicorn binds the shared socket of its workers without a protocol number, so asyncio does not set
    TCP_NODELAY on the accepted connections and every keep-alive request then waits ~40 ms for a delayed
    ACK; accepted connections inherit the option from the listening socket.
    """
    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, log_level=log_level)
    if config.workers <= 1:
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()


def main() -> None:
    """Command line of `python -m app.server` (the benchmark serves the app this way)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args()
    serve(host=args.host, port=args.port, workers=args.workers, log_level=args.log_level)


if __name__ == "__main__":
    main()
