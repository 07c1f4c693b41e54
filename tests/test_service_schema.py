"""The HTTP service against its own OpenAPI schema: schemathesis generates requests for every
operation from the schema the app publishes (valid ones and ones that break its types) and
no answer may be a server error. Runs in-process (ASGI), on a copy of a small store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from redline.service import ServiceLimits, create_app
from tests.conftest import EXAMPLES
from tests.helpers import ingested

LIMITS = ServiceLimits(max_body_bytes=20_000, max_text_chars=2_000, max_page_size=20,
                       default_page_size=5)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("schema")
    db = folder / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    # a copy of its own: DuckDB allows one configuration per file in a process
    copy = folder / "schema.duckdb"
    shutil.copy(db, copy)
    app = create_app(copy, resources_loader=lambda: resources, token="t0ken", limits=LIMITS)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_request_the_schema_allows_gets_a_server_error(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10  # every route of the service is in the schema
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path,
                                                response.text)

        no_server_error()
