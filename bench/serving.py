"""A gunicorn server started for a run (the load test, the two-node tests): waiting until it
answers its health check. No Django imports: usable before Django is set up."""

import http.client
import subprocess
import time


def wait_until_healthy(port: int, process: subprocess.Popen, *, within: float, timeout: float = 5) -> bool:
    """Ask 127.0.0.1:`port` for /health/ until it answers 200: True then, False once `process` has
    ended or `within` seconds have passed without that answer."""
    deadline = time.monotonic() + within
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.3)
