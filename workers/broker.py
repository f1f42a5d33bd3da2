"""A real single-node Apache Kafka broker (KRaft, broker + controller in one JVM) on loopback.

The broker's jars come from Maven Central through ``deploy/kafka/pom.xml`` (no Kafka tarball, no
Docker); its configuration is ``deploy/kafka/server.properties.template`` and
``deploy/kafka/log4j2.properties``. Everything the broker writes lives under one *home* folder::

    <home>/server.properties   rendered from the template at each start
    <home>/cluster-id          the KRaft cluster id the data dir was formatted with
    <home>/data/               log.dirs (topics, KRaft metadata log); kept across restarts
    <home>/logs/server.log     the broker's INFO log (log4j2)
    <home>/logs/broker.out     the JVM's stdout/stderr: WARN+ and the "Kafka Server started" line
    <home>/broker.pid          pid of the running JVM

This module imports nothing from faust; see ``docs/broker.md``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import string
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from workers.settings import Settings

__all__ = ["BrokerError", "LocalBroker", "kafka_version", "new_cluster_id", "DEPLOY_DIR", "LIBS_CACHE"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEPLOY_DIR = PROJECT_ROOT / "deploy" / "kafka"
POM = DEPLOY_DIR / "pom.xml"
SERVER_TEMPLATE = DEPLOY_DIR / "server.properties.template"
LOG4J_CONFIG = DEPLOY_DIR / "log4j2.properties"
LIBS_CACHE = PROJECT_ROOT / ".khabar" / "kafka-libs"

MIN_JAVA = 17  # Kafka 4.x brokers need Java 17+
MAVEN_TIMEOUT_S = 600
TAIL_LINES = 30
_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_HEAP_RE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
# The script defaults of kafka-server-start.sh / kafka-run-class.sh (KAFKA_JVM_PERFORMANCE_OPTS).
_SERVER_JVM_OPTS = [
    "-server",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
    # log4j2's own shutdown hook would stop logging while Kafka's shutdown hook is still closing
    # the broker (its last lines were lost, and log4j printed a SimpleLogger warning).
    "-Dlog4j2.shutdownHookEnabled=false",
]


# Broker JVMs started by this Python process, by pid: liveness comes from Popen.poll(), which
# also reaps them, so a stopped broker never lingers as a zombie of a long-lived caller.
_LAUNCHED: dict[int, subprocess.Popen[bytes]] = {}
_EXIT_CODES: dict[int, int] = {}


def free_ports(n: int) -> list[int]:
    """``n`` distinct free TCP ports on 127.0.0.1 (all held open while choosing, then released)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class BrokerError(RuntimeError):
    """The local broker could not be fetched, formatted, started or stopped."""


def kafka_version(pom: Path = POM) -> str:
    """The Kafka version ``pom`` asks for (its ``kafka_2.13`` dependency, ``${...}`` resolved)."""
    try:
        root = ET.parse(pom).getroot()
    except (OSError, ET.ParseError) as exc:
        raise BrokerError(f"cannot read {pom}: {exc}") from exc
    props = {el.tag.split("}", 1)[-1]: (el.text or "").strip() for el in root.findall("m:properties/*", _POM_NS)}
    for dep in root.findall("m:dependencies/m:dependency", _POM_NS):
        if dep.findtext("m:groupId", "", _POM_NS).strip() != "org.apache.kafka":
            continue
        if not dep.findtext("m:artifactId", "", _POM_NS).strip().startswith("kafka_"):
            continue
        version = re.sub(r"\$\{([^}]+)\}", lambda m: props.get(m.group(1), m.group(0)), dep.findtext("m:version", "", _POM_NS).strip())
        if version and "${" not in version:
            return version
    raise BrokerError(f"{pom} has no org.apache.kafka:kafka_2.13 dependency with a resolvable version")


def new_cluster_id() -> str:
    """A KRaft cluster id in Kafka's own format (what ``kafka-storage.sh random-uuid`` prints).

    16 random bytes, URL-safe base64 without padding; like ``org.apache.kafka.common.Uuid`` it
    never starts with ``-`` (that would read as a command-line option).
    """
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode("ascii").rstrip("=")
        if not cid.startswith("-"):
            return cid


class LocalBroker:
    """One single-node Kafka broker on 127.0.0.1, with its data and logs under ``home``.

    ``start()`` and ``stop()`` are idempotent and safe to call from different processes: the
    running broker is found again through ``<home>/broker.pid`` (checked against the process's
    command line), not through state kept in this object.
    """

    def __init__(
        self,
        home: Path,
        port: int,
        controller_port: int,
        heap: str = "512M",
        libs_dir: Path | None = None,
    ) -> None:
        for name, value in (("port", port), ("controller_port", controller_port)):
            if not 0 < int(value) < 65536:
                raise ValueError(f"{name} must be in 1..65535, got {value!r}")
        if int(port) == int(controller_port):
            raise ValueError(f"port and controller_port must differ (both {port})")
        if not _HEAP_RE.match(heap):
            raise ValueError(f"heap must look like 512M or 1G (a -Xmx value), got {heap!r}")
        self.home = Path(home).expanduser().resolve()
        self.port = int(port)
        self.controller_port = int(controller_port)
        self.heap = heap
        self.version = kafka_version()
        self.libs_dir = Path(libs_dir).expanduser().resolve() if libs_dir else LIBS_CACHE / self.version

    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, libs_dir: Path | None = None) -> LocalBroker:
        """The broker described by ``KHABAR_BROKER_*`` settings (``Settings()`` if none given)."""
        if settings is None:
            from workers.settings import Settings

            settings = Settings()
        return cls(
            home=settings.broker_home,
            port=settings.broker_port,
            controller_port=settings.broker_controller_port,
            heap=settings.broker_heap,
            libs_dir=libs_dir,
        )

    def __repr__(self) -> str:
        return f"LocalBroker(home={str(self.home)!r}, bootstrap={self.bootstrap!r}, version={self.version!r})"

    # --- paths ------------------------------------------------------------------------------

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def server_properties(self) -> Path:
        return self.home / "server.properties"

    @property
    def pid_file(self) -> Path:
        return self.home / "broker.pid"

    @property
    def cluster_id_file(self) -> Path:
        return self.home / "cluster-id"

    @property
    def out_file(self) -> Path:
        return self.logs_dir / "broker.out"

    @property
    def server_log(self) -> Path:
        return self.logs_dir / "server.log"

    # --- jars -------------------------------------------------------------------------------

    def fetch_jars(self) -> Path:
        """Download the broker's jars with Maven into ``libs_dir`` once; return ``libs_dir``.

        ``libs_dir/.complete`` is written only after Maven succeeded, and records the pom's hash:
        an interrupted download, or a changed pom, is fetched again; otherwise the folder is reused
        without running Maven. Concurrent callers are serialised by a lock file.
        """
        libs = self.libs_dir
        marker = libs / ".complete"
        pom_hash = hashlib.sha256(POM.read_bytes()).hexdigest()
        if self._marker_ok(marker, pom_hash):
            return libs
        libs.mkdir(parents=True, exist_ok=True)
        with open(libs / ".fetch.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be fetching right now
            if self._marker_ok(marker, pom_hash):
                return libs
            mvn = shutil.which("mvn")
            if mvn is None:
                raise BrokerError(
                    f"`mvn` (Apache Maven 3.x) is not on PATH; it downloads the Kafka {self.version} jars "
                    f"from Maven Central into {libs}. Install it (Debian/Ubuntu: `apt-get install maven`)."
                )
            self._java()  # Maven needs a JDK too; fail with the clearer message first
            marker.unlink(missing_ok=True)
            for old in libs.glob("*.jar"):  # never mix jars of two pom versions on one classpath
                old.unlink()
            cmd = [
                mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(POM),
                "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={libs}",
            ]  # fmt: skip
            try:
                res = subprocess.run(cmd, capture_output=True, text=True, timeout=MAVEN_TIMEOUT_S, cwd=DEPLOY_DIR)
            except subprocess.TimeoutExpired as exc:
                raise BrokerError(f"Maven did not finish within {MAVEN_TIMEOUT_S} s: {' '.join(cmd)}") from exc
            if res.returncode != 0:
                raise BrokerError(
                    f"Maven failed (exit {res.returncode}) fetching Kafka {self.version} jars "
                    f"(is Maven Central reachable?):\n$ {' '.join(cmd)}\n{_tail_text(res.stdout + res.stderr, 40)}"
                )
            jars = sorted(p.name for p in libs.glob("*.jar"))
            if f"kafka_2.13-{self.version}.jar" not in jars:
                raise BrokerError(f"Maven succeeded but {libs} has no kafka_2.13-{self.version}.jar: {jars}")
            tmp = marker.with_suffix(".tmp")
            tmp.write_text(
                json.dumps(
                    {"version": self.version, "pom_sha256": pom_hash, "jars": len(jars), "fetched_at": _now()},
                    indent=1,
                )
            )
            os.replace(tmp, marker)
        return libs

    def _marker_ok(self, marker: Path, pom_hash: str) -> bool:
        try:
            info = json.loads(marker.read_text())
        except (OSError, ValueError):
            return False
        return info.get("pom_sha256") == pom_hash and (self.libs_dir / f"kafka_2.13-{self.version}.jar").is_file()

    # --- lifecycle --------------------------------------------------------------------------

    def start(self, timeout: float = 60) -> None:
        """Start the broker and wait until it answers Metadata requests on ``bootstrap``.

        Idempotent: if a broker from this home is already running, only wait for it to answer.
        Formats ``data_dir`` on first use only. Raises ``BrokerError`` (with the tail of
        broker.out and server.log) if the JVM dies or does not answer within ``timeout`` seconds;
        a JVM launched by this call is then stopped again.
        """
        deadline = time.monotonic() + timeout
        rendered = self._render_config()
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / ".start.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two concurrent start() calls launch one JVM
            pid = self._running_pid()
            if pid is not None:
                if self.server_properties.is_file() and self.server_properties.read_text() != rendered:
                    raise BrokerError(
                        f"a broker from {self.home} is already running (pid {pid}) with another "
                        f"configuration (ports?); stop it first"
                    )
                launched, out_offset, log_offset = False, None, None
            else:
                launched = True
                pid, out_offset, log_offset = self._launch(rendered)
        self._wait_ready(pid, deadline, out_offset=out_offset, log_offset=log_offset, launched=launched)

    def _launch(self, rendered: str) -> tuple[int, int, int]:
        """Format if needed and start the JVM detached; return its pid and the log offsets."""
        self._check_ports_free()
        java = self._java()
        libs = self.fetch_jars()
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.server_properties.write_text(rendered)
        self._format(java, libs)

        out_offset = _size(self.out_file)
        log_offset = _size(self.server_log)
        cmd = [
            java, f"-Xmx{self.heap}", f"-Xms{self.heap}", *_SERVER_JVM_OPTS,
            f"-Dkafka.logs.dir={self.logs_dir}", f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
            "-cp", f"{libs}/*", "kafka.Kafka", str(self.server_properties),
        ]  # fmt: skip
        with open(self.out_file, "ab") as out:
            out.write(f"--- {_now()} khabar: starting Kafka {self.version} on {self.bootstrap}\n".encode())
            out.flush()
            # New session: the broker outlives this process and a Ctrl-C in its terminal.
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=self.home, start_new_session=True
            )
        _LAUNCHED[proc.pid] = proc
        self.pid_file.write_text(f"{proc.pid}\n")
        return proc.pid, out_offset, log_offset

    def stop(self, timeout: float = 30) -> bool:
        """Stop the broker (SIGTERM: Kafka's shutdown hook closes the logs cleanly; SIGKILL after
        ``timeout`` seconds). Returns whether a running broker was stopped."""
        pid = self._running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        if not self._wait_exit(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            if not self._wait_exit(pid, 10):
                raise BrokerError(f"broker pid {pid} survived SIGKILL")
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, Any]:
        """``running`` (a broker JVM from this home is alive), ``listening`` (its client port accepts
        TCP connections), ``pid``, ``bootstrap``, ``home``, ``version``."""
        pid = self._running_pid()
        return {
            "running": pid is not None,
            "listening": pid is not None and _port_open(self.port),
            "pid": pid,
            "bootstrap": self.bootstrap,
            "home": str(self.home),
            "version": self.version,
        }

    # --- internals --------------------------------------------------------------------------

    def _render_config(self) -> str:
        template = string.Template(SERVER_TEMPLATE.read_text())
        return template.substitute(port=self.port, controller_port=self.controller_port, data_dir=self.data_dir)

    def _java(self) -> str:
        java_home = os.environ.get("JAVA_HOME")  # the Kafka scripts prefer it too
        java: str | None = str(Path(java_home) / "bin" / "java") if java_home else None
        if java is None or not Path(java).is_file():
            java = shutil.which("java")
        if java is None:
            raise BrokerError(
                f"`java` is not on PATH (and JAVA_HOME is not set): Kafka {self.version} needs Java "
                f"{MIN_JAVA}+. Install a JDK/JRE {MIN_JAVA}+ (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`)."
            )
        res = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        m = re.search(r'version "(\d+)(?:\.(\d+))?', res.stderr + res.stdout)
        major = (int(m.group(2)) if m.group(1) == "1" else int(m.group(1))) if m else None
        if major is None or major < MIN_JAVA:
            first = (res.stderr or res.stdout).strip().splitlines()[:1]
            raise BrokerError(f"{java} is {first or 'unknown'}; Kafka {self.version} needs Java {MIN_JAVA}+")
        return java

    def _format(self, java: str, libs: Path) -> None:
        """Format ``data_dir`` for KRaft unless already done; keep the cluster id in ``home``."""
        meta = self.data_dir / "meta.properties"
        stored = self.cluster_id_file.read_text().strip() if self.cluster_id_file.is_file() else None
        if meta.is_file():
            formatted = _read_properties(meta).get("cluster.id")
            if stored and formatted and stored != formatted:
                raise BrokerError(f"{meta} has cluster.id={formatted} but {self.cluster_id_file} says {stored}")
            if formatted and not stored:
                self.cluster_id_file.write_text(formatted + "\n")
            return
        cid = stored or new_cluster_id()
        self.cluster_id_file.write_text(cid + "\n")
        # Static quorum (controller.quorum.voters): format WITHOUT --standalone.
        cmd = [
            java, "-Xmx256M", f"-Dkafka.logs.dir={self.logs_dir}", f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
            "-cp", f"{libs}/*", "kafka.tools.StorageTool", "format", "-t", cid, "-c", str(self.server_properties),
        ]  # fmt: skip
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.home)
        if res.returncode != 0 or not meta.is_file():
            raise BrokerError(
                f"formatting {self.data_dir} failed (exit {res.returncode}):\n$ {' '.join(cmd)}\n"
                f"{_tail_text(res.stdout + res.stderr, TAIL_LINES)}"
            )

    def _check_ports_free(self) -> None:
        for name, port in (("client port", self.port), ("controller port", self.controller_port)):
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                # Same as Kafka's own listener: TIME_WAIT leftovers of a previous run do not count.
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", port))
                except OSError as exc:
                    raise BrokerError(
                        f"cannot start the broker of {self.home}: its {name} 127.0.0.1:{port} is already in use "
                        f"by another process ({exc.strerror}). Stop that process (`ss -ltnp 'sport = :{port}'` "
                        f"shows it) or choose other ports (KHABAR_BROKER_PORT / KHABAR_BROKER_CONTROLLER_PORT)."
                    ) from None

    def _alive(self, pid: int) -> bool:
        """``pid`` exists and has not exited (a JVM launched by this Python process is reaped)."""
        proc = _LAUNCHED.get(pid)
        if proc is not None:
            if proc.poll() is None:
                return True
            _EXIT_CODES[pid] = _LAUNCHED.pop(pid).returncode
            return False
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                return True
            # A JVM's main thread turns zombie first; the process (and its sockets) lives until
            # its last thread has exited.
            return len(os.listdir(f"/proc/{pid}/task")) > 1
        except (OSError, IndexError):
            return False

    def _is_our_broker(self, pid: int) -> bool:
        """``pid`` is a live ``kafka.Kafka`` JVM started with this home's server.properties."""
        proc = _LAUNCHED.get(pid)
        if proc is not None:
            # Launched by this Python process: check its arguments, not /proc/<pid>/cmdline, which
            # is empty for a moment while the forked child is still inside execve().
            return str(self.server_properties) in proc.args and self._alive(pid)  # type: ignore[operator]
        if not self._alive(pid):
            return False
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        return b"kafka.Kafka" in cmdline and str(self.server_properties).encode() in cmdline

    def _running_pid(self) -> int | None:
        """The pid of this home's running broker: from broker.pid, else by scanning /proc (the pid
        file may have been deleted); a stale pid file is removed."""
        try:
            pid: int | None = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            pid = None
        if pid is not None:
            if self._is_our_broker(pid):
                return pid
            self.pid_file.unlink(missing_ok=True)
        for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
            if entry.name.isdigit() and self._is_our_broker(int(entry.name)):
                self.pid_file.write_text(f"{entry.name}\n")
                return int(entry.name)
        return None

    def _wait_exit(self, pid: int, timeout: float) -> bool:
        # _alive, not _is_our_broker: an exiting process loses its cmdline before it is gone.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._alive(pid):
                return True
            time.sleep(0.05)
        return not self._alive(pid)

    def _wait_ready(
        self, pid: int, deadline: float, *, out_offset: int | None, log_offset: int | None, launched: bool
    ) -> None:
        """Poll until the JVM answers a Metadata request listing itself, unfenced, in our cluster."""
        expected_cid = self.cluster_id_file.read_text().strip() if self.cluster_id_file.is_file() else None
        last_error = "the client port never accepted a connection"
        delay = 0.1
        while True:
            if not self._is_our_broker(pid):
                code = _EXIT_CODES.pop(pid, None)
                self.pid_file.unlink(missing_ok=True)
                raise BrokerError(
                    f"the broker JVM (pid {pid}) exited during startup"
                    + (f" with code {code}" if code is not None else "")
                    + self._log_tails(out_offset, log_offset)
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if _port_open(self.port):
                try:
                    info = _describe_cluster(self.bootstrap, timeout_s=max(0.5, min(remaining, 10.0)))
                    brokers = [b for b in info.get("brokers", []) if not b.get("is_fenced")]
                    if expected_cid and info.get("cluster_id") != expected_cid:
                        last_error = f"{self.bootstrap} answers for cluster {info.get('cluster_id')}, expected {expected_cid}"
                    elif not brokers:
                        last_error = f"metadata from {self.bootstrap} lists no unfenced broker yet"
                    else:
                        return
                except Exception as exc:  # kafka-python raises many kinds while a broker boots
                    last_error = f"{type(exc).__name__}: {exc}"
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 1.5, 1.0)

        message = f"the broker (pid {pid}) did not become ready on {self.bootstrap} in time ({last_error})"
        if launched:
            self.stop(timeout=15)
            message += "; it was stopped again"
        raise BrokerError(message + self._log_tails(out_offset, log_offset))

    def _log_tails(self, out_offset: int | None, log_offset: int | None) -> str:
        parts = []
        for path, offset in ((self.out_file, out_offset), (self.server_log, log_offset)):
            text = _read_from(path, offset or 0)
            parts.append(f"\n--- last lines of {path} ---\n{_tail_text(text, TAIL_LINES) or '(empty)'}")
        return "".join(parts)


# --- helpers ------------------------------------------------------------------------------------


def _describe_cluster(bootstrap: str, timeout_s: float) -> dict[str, Any]:
    from kafka import KafkaAdminClient  # imported lazily: fetch/stop/status do not need it

    ms = int(timeout_s * 1000)
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="khabar-broker-probe", bootstrap_timeout_ms=ms, request_timeout_ms=ms
    )
    try:
        return admin.describe_cluster()
    finally:
        admin.close()


def _port_open(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _read_properties(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "!")) and "=" in line:
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_from(path: Path, offset: int) -> str:
    try:
        with open(path, "rb") as f:
            if offset > path.stat().st_size:  # the file was rolled over since: read all of it
                offset = 0
            f.seek(max(0, offset))
            f.seek(max(f.tell(), path.stat().st_size - 256_000))  # a tail is enough
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _tail_text(text: str, n: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-n:])


def _now() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")

