"""GUI tests run offscreen unless --onscreen is given (to watch them).

Store tests take `store_url` and so run twice: on SQLite and on a throw-away PostgreSQL cluster
(tests/pgcluster.py). When the server cannot start, the PostgreSQL runs are skipped and the
summary says so in capitals, so a CI run that tested only SQLite cannot pass unnoticed.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pgcluster import PgCluster, PgClusterError

# Why the cluster could not start, for the terminal summary; unset when it started or was unused.
_PG_FAILURE = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show GUI tests in a real window")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen", default=False):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def _user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own data and config folders (the default store, the HMAC key file):
    a test never reads or writes the real user's."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("REVIEW_DESK_HMAC_KEY", raising=False)
    monkeypatch.delenv("REVIEW_DESK_USER", raising=False)
    from review_desk.audit.keys import reset_key_cache

    reset_key_cache()


@pytest.fixture
def ocr_overrides() -> Iterator[Callable[..., None]]:
    """Replace keys of rules/ocr.yaml for one test (``ocr_overrides(enabled=False)``)."""
    from review_desk.ocr import settings

    def override(**changes: Any) -> None:
        current = settings.ocr_settings().model_dump()
        settings.active = settings.OcrSettings.model_validate({**current, **changes})

    yield override
    settings.active = None


@pytest.fixture(scope="session")
def pg_cluster(request: pytest.FixtureRequest) -> Iterator[PgCluster]:
    """The session's PostgreSQL cluster, started the first time a test asks for it. A failed
    start is tried once: pytest re-raises the cached skip for every later test."""
    try:
        cluster = PgCluster.start()
    except PgClusterError as exc:
        request.config.stash[_PG_FAILURE] = str(exc)
        pytest.skip(f"POSTGRESQL SERVER COULD NOT START: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of an empty store, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.db"
        return
    # Looked up here, not declared as a parameter, so SQLite-only runs never start the server.
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = f"t_{uuid.uuid4().hex}"
    url = cluster.create_database(name)
    yield url
    cluster.drop_database(name)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    failure = config.stash.get(_PG_FAILURE, None)
    if failure is not None:
        terminalreporter.write_line(
            f"POSTGRESQL TESTS SKIPPED: THE SERVER COULD NOT START ({failure.upper()})",
            yellow=True,
            bold=True,
        )
