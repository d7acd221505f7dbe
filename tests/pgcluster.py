"""A throw-away PostgreSQL cluster for one test session.

The audit store must behave the same on SQLite and PostgreSQL, so the store tests run on both.
`PgCluster.start()` makes a private cluster in a temporary folder: `initdb` as an unprivileged
OS user (the server refuses to run as root, and CI runs as root), trust authentication for local
and loopback connections only, listening on 127.0.0.1 on a free port. `stop()` shuts it down and
deletes the folder; it is also registered with atexit so an interrupted session leaves no server.

Every failure raises `PgClusterError` with a one-line reason, which the test summary prints.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

# Overrides where initdb and pg_ctl are looked for (a folder); a missing folder makes the
# cluster fail to start, which is how the "no server" path of the tests is exercised.
BIN_ENV = "REVIEW_DESK_PG_BIN"
# The unprivileged OS user that owns the cluster when the tests run as root. A dedicated user
# rather than Debian's `postgres`, which can read the system cluster's data.
OS_USER = "review_desk_pg"
SUPERUSER = "review_desk"
DATABASE = "review_desk_test"
# The most lines of a failing command's stderr that go into the reason.
_TAIL_LINES = 3


class PgClusterError(RuntimeError):
    """The cluster could not be set up; the message is one line saying why."""


def _tail(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # The last line alone is often just "initdb: removing data directory ..."; keep a few.
    return "; ".join(lines[-_TAIL_LINES:]) or "no output"


def _find_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: the override, else the newest Debian version,
    else PATH (Debian keeps the server binaries off PATH, hence the versioned folders)."""

    def complete(folder: Path) -> bool:
        return (folder / "initdb").is_file() and (folder / "pg_ctl").is_file()

    override = os.environ.get(BIN_ENV)
    if override:
        if complete(Path(override)):
            return Path(override)
        raise PgClusterError(f"no initdb and pg_ctl in {BIN_ENV}={override}")
    versions: list[tuple[tuple[int, ...], Path]] = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        with contextlib.suppress(ValueError):
            versions.append((tuple(int(part) for part in folder.parent.name.split(".")), folder))
    for _, folder in sorted(versions, reverse=True):
        if complete(folder):
            return folder
    initdb = shutil.which("initdb")
    if initdb and complete(Path(initdb).resolve().parent):
        return Path(initdb).resolve().parent
    raise PgClusterError("no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on PATH")


def _os_user() -> pwd.struct_passwd | None:
    """The user to run the server as: None (this user) unless we are root."""
    if os.geteuid() != 0:
        return None
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(OS_USER)
    done = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        # Looked up again rather than trusting the exit status: a parallel session may have
        # created the user between our lookup and useradd.
        return pwd.getpwnam(OS_USER)
    except KeyError:
        raise PgClusterError(f"useradd {OS_USER} failed: {_tail(done.stderr)}") from None


def _temp_parent(user: pwd.struct_passwd | None) -> str | None:
    """Where to make the cluster folder: the usual temp dir, unless the server's user could not
    reach it (a TMPDIR under /root), then /tmp."""
    if user is None:
        return None
    folder = Path(tempfile.gettempdir()).resolve()
    if all(os.stat(p).st_mode & stat.S_IXOTH for p in (folder, *folder.parents)):
        return None
    return "/tmp"


def _free_port() -> int:
    # The kernel picks a free port; it stays free until the server binds it, barring a race.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PgCluster:
    """A running private cluster. `url` is the test database as the superuser."""

    def __init__(self, bin_dir: Path, user: pwd.struct_passwd | None) -> None:
        self.bin_dir = bin_dir
        self.user = user
        self.root = Path(tempfile.mkdtemp(prefix="review_desk_pg_", dir=_temp_parent(user)))
        self.data_dir = self.root / "data"
        self.port = _free_port()
        self._stopped = False
        if user is not None:
            os.chown(self.root, user.pw_uid, user.pw_gid)
        atexit.register(self.stop)

    @classmethod
    def start(cls) -> PgCluster:
        cluster = cls(_find_bin_dir(), _os_user())
        try:
            cluster._initdb()
            cluster._launch()
            cluster.create_database(DATABASE)
        except BaseException:
            cluster.stop()
            raise
        return cluster

    @property
    def url(self) -> str:
        return self.url_for(SUPERUSER)

    def url_for(self, role: str, database: str = DATABASE) -> str:
        """A SQLAlchemy URL connecting as `role` (trust auth: no password)."""
        return f"postgresql+psycopg://{role}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL as the superuser."""
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(SUPERUSER, name)

    def drop_database(self, name: str) -> None:
        # FORCE: a test that forgot to dispose of its engine must not block the drop.
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        """Stop the server and delete its folder; safe to call twice. Best effort, never raises:
        it also runs at interpreter exit, where an exception could only be printed."""
        if self._stopped:
            return
        self._stopped = True
        atexit.unregister(self.stop)
        if (self.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(PgClusterError):
                self._run("pg_ctl stop", "pg_ctl", "-D", self.data_dir, "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def _initdb(self) -> None:
        # --auth=trust applies to the entries initdb writes: the unix socket and the loopback
        # addresses only; nothing else can connect, and the server listens on 127.0.0.1 anyway.
        self._run(
            "initdb",
            "initdb",
            "-D",
            self.data_dir,
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
        )
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            # Inside our folder: no clash with the system cluster's /var/run/postgresql.
            "unix_socket_directories": f"'{self.root}'",
            # Stated, not assumed: the crash tests rely on committed rows surviving a kill.
            "fsync": "on",
            "synchronous_commit": "on",
        }
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("".join(f"{key} = {value}\n" for key, value in settings.items()))

    def _launch(self) -> None:
        # -l: the server's output goes to a file; otherwise it would hold our pipes open.
        log = self.root / "server.log"
        try:
            self._run(
                "pg_ctl start", "pg_ctl", "-D", self.data_dir, "-l", log, "-w", "-t", "30", "start"
            )
        except PgClusterError as exc:
            # pg_ctl only says "could not start server"; the reason is in the server's log.
            server_log = log.read_text(errors="replace") if log.exists() else ""
            raise PgClusterError(f"{exc}; server log: {_tail(server_log)}") from None

    def _run(self, what: str, program: str, *args: str | Path) -> None:
        command = [str(self.bin_dir / program), *map(str, args)]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        try:
            done = subprocess.run(
                command,
                # Our own folder: the server's user may not be allowed into the caller's cwd.
                cwd=self.root,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PgClusterError(f"{what} failed: {exc}") from None
        if done.returncode != 0:
            raise PgClusterError(f"{what} failed: {_tail(done.stderr or done.stdout)}")

    def _admin(self, statement: sql.Composed) -> None:
        # Autocommit: CREATE/DROP DATABASE cannot run inside a transaction.
        try:
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
            ) as conn:
                conn.execute(statement)
        except psycopg.Error as exc:
            raise PgClusterError(_tail(str(exc))) from None
