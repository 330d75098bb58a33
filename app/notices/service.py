"""Issuing notices (工作提示函 / 风险警示函) about a person or a case; detection counts them as prior history."""

import logging
from datetime import date, datetime
from typing import Any

from neo4j.exceptions import ConstraintError

from app.caller import Caller
from app.db.graph import Graph
from app.db.values import native_row
from app.notices.models import KIND_ALIASES, NoticeView
from app.workorders.config import BEIJING, Workflow, instant, load_units_config, load_workflow
from app.workorders.models import WorkflowError
from app.workorders.units import ensure_units

log = logging.getLogger(__name__)
ATTEMPTS = 3


def issue_notice(*, graph: Graph, caller: Caller, kind: str, unit: str, reason: str, person_pid: str | None = None,
                 dispute_id: str | None = None, at: date | datetime | None = None,
                 workflow: Workflow | None = None) -> NoticeView | None:
    """Issue a notice to a unit about a person and/or a case; None when the person or case is unknown or out of scope.

    A notice of the same kind about the same subject on the same day is the first one (a retried request).
    """
    workflow = workflow or load_workflow()
    if caller.role not in workflow.roles.command:
        raise WorkflowError(f"角色{caller.role}无权下发{kind}", status=403)
    if not person_pid and not dispute_id:
        raise WorkflowError("请指定提示对象（人员或案件）", status=422)
    kind, at = KIND_ALIASES.get(kind, kind), instant(at)
    ensure_units(graph=graph)
    subject = _subject(graph, caller, person_pid, dispute_id, unit)
    if subject is None:
        return None
    if subject["unit"] is None:
        raise WorkflowError(f"接收单位{unit}不存在", status=422)
    person, dispute = subject["person"], subject["dispute"]
    pid, case_id = person and person["pid"], dispute and dispute["id"]
    day = at.astimezone(BEIJING).date()
    again = graph.read_one("find_notice", kind=kind, pid=pid, dispute_id=case_id, issued_at=day, scope=caller.scope)
    if again is not None:
        return get_notice(graph=graph, caller=caller, code=again["code"])
    props = _props(caller, subject, kind, reason, at)
    code = _create(graph, caller, workflow.prefix(kind), at, props, pid, case_id)
    return get_notice(graph=graph, caller=caller, code=code)


def get_notice(*, graph: Graph, caller: Caller, code: str) -> NoticeView | None:
    """One notice inside the caller's jurisdiction; None when unknown or out of scope."""
    row = graph.read_one("get_notice", code=code, scope=caller.scope)
    if row is None:
        return None
    notice = native_row(row["notice"])
    person = row["persons"][0] if row["persons"] else {}
    dispute = row["disputes"][0] if row["disputes"] else {}
    return NoticeView(**{**notice, "person_pid": notice.get("person_pid") or person.get("pid"),
                         "name": notice.get("name") or person.get("name"),
                         "dispute_id": notice.get("dispute_id") or dispute.get("id"),
                         "case_code": notice.get("case_code") or dispute.get("case_code")})


def _subject(graph: Graph, caller: Caller, pid: str | None, dispute_id: str | None, unit: str) -> dict | None:
    issuer = load_units_config().code(caller.area_code[:6], "district_command") if caller.area_code else None
    row = graph.read_one("get_notice_subject", pid=pid, dispute_id=dispute_id, unit_code=unit, issuer_code=issuer,
                         scope=caller.scope)
    if (pid and row["person"] is None) or (dispute_id and row["dispute"] is None):
        return None
    return row


def _props(caller: Caller, subject: dict[str, Any], kind: str, reason: str, at: datetime) -> dict[str, Any]:
    person, dispute, unit = subject["person"] or {}, subject["dispute"] or {}, subject["unit"]
    unit_area = unit["area_code"] if unit["area_code"].startswith(caller.scope) else caller.scope
    area = dispute.get("area_code") or unit_area
    props = {
        "kind": kind, "issued_at": at.astimezone(BEIJING).date(), "issued_time": at,
        "issuer": subject["issuer"] or "综治中心", "issued_by": caller.username, "receiver": unit["name"],
        "receiver_unit": unit["code"], "reason": reason, "area_code": area, "person_pid": person.get("pid"),
        "name": person.get("name"), "id_number": person.get("id_number"), "dispute_id": dispute.get("id"),
        "case_code": dispute.get("case_code"),
    }
    return {key: value for key, value in props.items() if value is not None}


def _create(graph: Graph, caller: Caller, prefix: str, at: datetime, props: dict[str, Any], pid: str | None,
            dispute_id: str | None) -> str:
    """Number the notice after the highest code of its prefix and year; a concurrent issue takes the next number."""
    year_prefix = f"{prefix}-{at.astimezone(BEIJING):%Y}-"
    for _ in range(ATTEMPTS):
        last = graph.read_one("get_last_notice_code", prefix=year_prefix)
        number = int(last["code"].rsplit("-", 1)[1]) + 1 if last and last["code"].rsplit("-", 1)[1].isdigit() else 1
        code = f"{year_prefix}{number:04d}"
        try:
            graph.write("create_notice", code=code, props=props, pid=pid, dispute_id=dispute_id, scope=caller.scope)
            return code
        except ConstraintError:
            log.info("notice code %s taken concurrently; numbering again", code)
    raise WorkflowError("提示函编号冲突，请重试", status=503)
