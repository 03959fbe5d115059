"""Schemathesis over the app's own OpenAPI description: every operation, no 5xx, and every
answer matching the schema it declares (body and status code).

In-process through the ASGI app, on a seeded database, with alice's API token. Path ids
are sometimes drawn from the seeded records so the happy paths answer too, not only 404s.
Bounded and repeatable: a fixed number of examples per operation, derandomized.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from conftest import TODAY, make_person
from kithkin.services import moments, records
from kithkin.services.context import Kith
from webkit import Server

#: Valid requests must answer with a declared status; invalid ones (broken JSON, wrong
#: types) may answer any 4xx, but never a 5xx, and a declared status's body must match.
POSITIVE_CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
NEGATIVE_CHECKS = [not_a_server_error, response_schema_conformance]
POSITIVE_EXAMPLES = 30
NEGATIVE_EXAMPLES = 12


def _seed(kith: Kith) -> dict[str, list[int]]:
    """People, moments, a promise and an introduction; the ids a path may name."""
    people = [
        make_person(kith, "Maya López", interests=["sourdough", "bouldering"], cadence="2w"),
        make_person(kith, "Sam Okafor", interests=["chess", "sourdough"], tags=["work"]),
        make_person(kith, "Priya Natarajan", interests=["jazz"], cadence="1m"),
    ]
    when = (TODAY - timedelta(days=30)).isoformat()
    logged = [
        moments.log_moment(
            kith,
            moments.MomentInput(
                people=["Maya"],
                kind="coffee",
                when=when,
                energy="2",
                topics=["bread"],
                follow_up="send the recipe",
                due="in 1 week",
            ),
        ),
        moments.log_moment(
            kith, moments.MomentInput(people=["Sam", "Priya"], kind="email", when=when)
        ),
    ]
    intro = records.propose_intro(kith, "Maya", "Priya", "both climb")
    return {
        "person_id": people,
        "moment_id": [m.moment_id for m in logged],
        "follow_up_id": [f["id"] for f in moments.follow_ups(kith)],
        "intro_id": [int(intro["id"])],
    }


def _strategy(operation: Any, known: dict[str, list[int]], mode: Any) -> Any:
    """Generated cases, plus (positive mode) cases whose path ids are seeded records."""
    generated = operation.as_strategy(generation_mode=mode)
    names = [p.name for p in operation.path_parameters]
    if mode != schemathesis.GenerationMode.POSITIVE or not names:
        return generated
    if not all(known.get(n) for n in names):
        return generated
    fixed = [
        operation.as_strategy(path_parameters={n: known[n][i % len(known[n])] for n in names})
        for i in range(max(len(known[n]) for n in names))
    ]
    return st.one_of(generated, *fixed)


def _has_inputs(operation: Any) -> bool:
    """Whether a request to ``operation`` carries anything that could be made invalid."""
    parts = (operation.path_parameters, operation.query, operation.headers, operation.body)
    return any(len(part) for part in parts)


def _exercise(strategy: Any, headers: dict[str, str], examples: int, checks: list[Any]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    run()


def test_every_operation_answers_as_its_schema_says(server: Server) -> None:
    known = _seed(server.kith("alice"))
    make_person(server.kith("bob"), "Bob's Friend")  # another account's record, never seen
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", server.app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema has a broken operation: {result.err()}"
        operations.append(result.ok())
    declared = sum(
        1
        for item in schema.raw_schema["paths"].values()
        for method in item
        if method in {"get", "put", "post", "delete", "patch", "head", "options"}
    )
    headers = {"Authorization": f"Bearer {server.tokens['alice']}"}
    tested: list[str] = []
    failures: list[str] = []
    # deleting comes last, so the other operations still find the seeded records
    operations.sort(key=lambda op: op.method.upper() == "DELETE")
    for operation in operations:
        runs = [(schemathesis.GenerationMode.POSITIVE, POSITIVE_EXAMPLES, POSITIVE_CHECKS)]
        if _has_inputs(operation):
            runs.append((schemathesis.GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, NEGATIVE_CHECKS))
        for mode, examples, checks in runs:
            strategy = _strategy(operation, known, mode)
            try:
                _exercise(strategy, headers, examples, checks)
            except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
                failures.append(f"{operation.label} ({mode.value}): {exc}")
        tested.append(operation.label)
    assert declared > 5
    assert len(tested) == len(set(tested)) == declared
    assert failures == [], "\n\n".join(failures)
