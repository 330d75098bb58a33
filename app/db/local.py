"""The local Neo4j: build the Maven launcher once, start, stop and inspect the embedded engine."""

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings

READY_MARK = "CASELINK-READY"
ERROR_MARK = "CASELINK-ERROR"
JAR_NAME = "neo4j-launcher.jar"


class LocalNeo4jError(RuntimeError):
    """A problem a person can act on: missing Java or Maven, port taken, store locked."""


@dataclass(frozen=True)
class LocalStatus:
    """What the CLI reports about the local Neo4j."""

    running: bool
    pid: int | None
    uri: str
    store: Path
    answering: bool


def jar_path(settings: Settings) -> Path:
    """Where the Maven build puts the launcher jar."""
    return settings.caselink_launcher_dir / "target" / JAR_NAME


def pid_file(settings: Settings) -> Path:
    """The pid file of the launcher serving this store."""
    return settings.caselink_neo4j_home / "caselink-neo4j.pid"


def log_file(settings: Settings) -> Path:
    """The launcher's console log."""
    return settings.caselink_neo4j_home / "launcher.log"


def ensure_built(settings: Settings) -> Path:
    """Build the launcher with Maven unless an up-to-date jar exists; return the jar."""
    jar = jar_path(settings)
    if jar.exists() and jar.stat().st_mtime >= _newest_source(settings.caselink_launcher_dir):
        return jar
    _require_tool("java", "Java 17 (apt-get install openjdk-17-jdk-headless)")
    mvn = _require_tool("mvn", "Maven (apt-get install maven)")
    result = subprocess.run(
        [mvn, "-q", "-B", "package", "-DskipTests"],
        cwd=settings.caselink_launcher_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not jar.exists():
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise LocalNeo4jError(f"Maven could not build the Neo4j launcher:\n{tail}")
    jar.touch()
    return jar


def status(settings: Settings) -> LocalStatus:
    """Whether a launcher runs for this store, and whether Bolt answers."""
    pid = _live_pid(settings)
    answering = _port_open(settings.caselink_neo4j_port)
    return LocalStatus(
        running=pid is not None,
        pid=pid,
        uri=settings.bolt_uri,
        store=settings.caselink_neo4j_home,
        answering=pid is not None and answering,
    )


def start(settings: Settings, *, timeout: float = 180.0) -> LocalStatus:
    """Start the embedded Neo4j unless it already runs for this store; return once Bolt answers."""
    current = status(settings)
    if current.running:
        _wait_for_bolt(settings, current.pid, timeout)
        return status(settings)
    if _port_open(settings.caselink_neo4j_port):
        raise LocalNeo4jError(
            f"port 127.0.0.1:{settings.caselink_neo4j_port} is already taken by another program; "
            "stop it or set CASELINK_NEO4J_PORT"
        )
    if len(settings.neo4j_password) < 8:
        raise LocalNeo4jError("NEO4J_PASSWORD must have at least 8 characters")
    jar = ensure_built(settings)
    java = _require_tool("java", "Java 17 (apt-get install openjdk-17-jdk-headless)")
    home = settings.caselink_neo4j_home
    home.mkdir(parents=True, exist_ok=True)
    log = log_file(settings)
    env = {
        **os.environ,
        "CASELINK_NEO4J_HOME": str(home),
        "CASELINK_NEO4J_PORT": str(settings.caselink_neo4j_port),
        "CASELINK_NEO4J_PASSWORD": settings.neo4j_password,
        "CASELINK_NEO4J_PAGECACHE": settings.caselink_neo4j_pagecache,
    }
    command = [java, f"-Xmx{settings.caselink_neo4j_heap}", "-XX:+UseG1GC", "-jar", str(jar)]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    pid_file(settings).write_text(str(process.pid), encoding="utf-8")
    _wait_for_ready(settings, process, timeout)
    return status(settings)


def stop(settings: Settings, *, timeout: float = 90.0) -> bool:
    """Stop the launcher with SIGTERM (clean shutdown); returns False when none was running."""
    pid = _live_pid(settings)
    if pid is None:
        pid_file(settings).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    pid_file(settings).unlink(missing_ok=True)
    return True


def reset(settings: Settings) -> None:
    """Stop the local Neo4j and delete its store."""
    stop(settings)
    shutil.rmtree(settings.caselink_neo4j_home, ignore_errors=True)


def _wait_for_ready(settings: Settings, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    log = log_file(settings)
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if ERROR_MARK in text:
            process.wait(timeout=30)
            pid_file(settings).unlink(missing_ok=True)
            raise LocalNeo4jError(_launcher_error(text, settings))
        if process.poll() is not None:
            pid_file(settings).unlink(missing_ok=True)
            tail = "\n".join(text.splitlines()[-15:])
            raise LocalNeo4jError(f"the Neo4j launcher exited with code {process.returncode}:\n{tail}")
        if READY_MARK in text and _port_open(settings.caselink_neo4j_port):
            return
        time.sleep(0.25)
    raise LocalNeo4jError(f"Neo4j did not answer within {timeout:.0f} s; see {log}")


def _wait_for_bolt(settings: Settings, pid: int | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _port_open(settings.caselink_neo4j_port):
            return
        if pid is not None and not _alive(pid):
            raise LocalNeo4jError("the running Neo4j launcher exited while starting; see " + str(log_file(settings)))
        time.sleep(0.25)
    raise LocalNeo4jError(f"Neo4j did not answer within {timeout:.0f} s")


def _launcher_error(text: str, settings: Settings) -> str:
    line = next(line for line in text.splitlines() if ERROR_MARK in line)
    kind, _, detail = line.split(ERROR_MARK, 1)[1].strip().partition(":")
    hints = {
        "port-taken": "set CASELINK_NEO4J_PORT to a free port or stop the other program",
        "store-locked": f"another Neo4j holds {settings.caselink_neo4j_home}; stop it first",
        "bad-password": "set NEO4J_PASSWORD to at least 8 characters",
    }
    return f"{detail.strip()} ({hints.get(kind, 'see ' + str(log_file(settings)))})"


def _live_pid(settings: Settings) -> int | None:
    path = pid_file(settings)
    if not path.exists():
        return None
    try:
        pid = int(path.read_text(encoding="utf-8").strip())
    except ValueError:
        return None
    return pid if _alive(pid) and _is_launcher(pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _is_launcher(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return JAR_NAME.encode() in cmdline


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _require_tool(name: str, what: str) -> str:
    found = shutil.which(name)
    if not found:
        raise LocalNeo4jError(f"`{name}` was not found on PATH: install {what}")
    return found


def _newest_source(launcher_dir: Path) -> float:
    sources = [launcher_dir / "pom.xml", *(launcher_dir / "src").rglob("*.java")]
    return max(path.stat().st_mtime for path in sources if path.exists())
