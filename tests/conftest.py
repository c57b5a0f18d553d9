import os

import pytest

from members.models.roles import Role
from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def committee(db):
    return factories.committee("政协紫阳县委员会")


@pytest.fixture
def other_committee(db):
    return factories.committee("政协其他县委员会")


@pytest.fixture
def role_user(committee):
    """role_user(Role.SECRETARIAT) -> a user holding that role in the test committee."""

    def make(role, **scope):
        return factories.user_with_role(role, committee, **scope)

    return make


@pytest.fixture
def secretariat(role_user):
    return role_user(Role.SECRETARIAT)


@pytest.fixture
def administrator(role_user):
    return role_user(Role.ADMIN)


def pytest_xdist_make_scheduler(config, log):
    """`pytest -n N` (scripts/test.sh) hands out tests one by one, except that a module with a
    module-scoped fixture (the demo, a LibreOffice conversion, an S3 server) goes whole to one worker,
    so the fixture is built once, not once per worker. (xdist's own `loadgroup` cannot do this under
    pytest 9: it renames node ids through an attribute pytest no longer has.) Such a module may hold no
    transactional test: see pytest_collection_modifyitems."""
    from pathlib import Path

    from xdist.scheduler import LoadScopeScheduling

    root = Path(config.rootpath)

    class ModuleFixturesTogether(LoadScopeScheduling):
        _shares = {}

        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            if module not in self._shares:
                path = root / module
                self._shares[module] = path.suffix == ".py" and 'scope="module"' in path.read_text(encoding="utf-8")
            return module if self._shares[module] else nodeid

    return ModuleFixturesTogether(config, log)


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    flushes = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback"))
    return bool(flushes) or "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def pytest_collection_modifyitems(config, items):
    """A transactional test empties the database when it ends (the home page and Wagtail's root that
    migrations made included); pytest-django runs those last on each worker. A module sent whole to one
    worker (a `scope="module"` fixture, above) would run its transactional tests early: refuse it."""
    grouped = {}
    for item in items:
        path = item.path
        if path not in grouped:
            grouped[path] = path.suffix == ".py" and 'scope="module"' in path.read_text(encoding="utf-8")
        if grouped[path] and _transactional(item) and "tests/e2e/" not in str(path) and "tests/integration/" not in str(path):
            raise pytest.UsageError(f"{item.nodeid}: a transactional test in a module with a module-scoped fixture; "
                                    "move it to its own module or give the fixture session scope")
