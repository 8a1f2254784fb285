"""The case list of a province or prefecture (most open cases) is read in order off the deadline index (migration
0013) and stops at the page, instead of checking every open case's laborer and sorting them all; a county's,
a caseworker's and the inbox's few cases are not (walking the index would read the province's cases to find
theirs). Plans asked with sorting and table scans discouraged on PostgreSQL, so that any index that can serve
the order is taken: what is asserted is whether the query's order is the index's."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.console.case import list_query
from bot.console.inbox import open_cases_query
from storage.db import create_engine
from storage.scope import Viewer

INDEX = "ix_assistance_case_deadline"


async def _plan(conn: AsyncConnection, query: Any) -> str:
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    explain = "EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite" else "EXPLAIN "
    return "\n".join(str(row) for row in await conn.exec_driver_sql(explain + sql))


def _in_index_order(dialect: str, plan: str) -> bool:
    """The rows come off the deadline index in the list's order: no sort after it."""
    sorted_after = "TEMP B-TREE FOR ORDER BY" in plan if dialect == "sqlite" else "Sort" in plan
    return INDEX in plan and not sorted_after


async def test_only_the_broad_lists_walk_the_deadline_index(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            dialect = conn.dialect.name
            if dialect == "postgresql":
                await conn.exec_driver_sql("SET enable_sort = off")
                await conn.exec_driver_sql("SET enable_seqscan = off")
            for broad in (Viewer(None, "supervisor", ("52",)), Viewer(None, "supervisor", ("5205",)),
                          Viewer(None, "admin", ())):
                plan = await _plan(conn, list_query(broad, "open", False))
                assert _in_index_order(dialect, plan), (broad, plan)
            for narrow, query in (
                ("a county", list_query(Viewer(None, "supervisor", ("520526",)), "open", False)),
                ("a caseworker", list_query(Viewer(3, "caseworker", ("520526100",)), "open", False)),
                ("the province's own", list_query(Viewer(7, "supervisor", ("52",)), "open", True)),
                ("an inbox", open_cases_query(Viewer(3, "caseworker", ("520526100",)))),
            ):
                plan = await _plan(conn, query)
                assert not _in_index_order(dialect, plan), (narrow, plan)
    finally:
        await engine.dispose()
