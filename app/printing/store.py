"""Label templates in the database: the presets until someone saves their own.

A template's name is unique; one may be the brand's default (used when a print names no
template). Presets are always available by name and are stored the first time they are
saved or chosen as the default.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.errors import NotFoundError
from app.printing.templates import DEFAULT_PRESET, PRESETS, LabelTemplate, template_from_dict
from app.storage import audit
from app.storage.printing_models import LabelTemplate as TemplateRow

__all__ = ["default_template", "get_template", "list_templates", "save_template", "set_default"]


def list_templates(session: Session) -> list[tuple[LabelTemplate, bool, bool]]:
    """(template, is default, is a preset) for the stored ones and the presets, by name."""
    rows = {row.name: row for row in session.execute(select(TemplateRow)).scalars()}
    has_default = any(row.is_default for row in rows.values())
    out: dict[str, tuple[LabelTemplate, bool, bool]] = {}
    for name, preset in PRESETS.items():
        out[name] = (preset, not has_default and name == DEFAULT_PRESET, True)
    for name, row in rows.items():
        out[name] = (template_from_dict(row.layout), row.is_default, name in PRESETS)
    return [out[name] for name in sorted(out)]


def get_template(session: Session, name: str) -> LabelTemplate:
    row = session.execute(select(TemplateRow).where(TemplateRow.name == name)).scalar_one_or_none()
    if row is not None:
        return template_from_dict(row.layout)
    if name in PRESETS:
        return PRESETS[name]
    known = ", ".join(t.name for t, _d, _p in list_templates(session))
    raise NotFoundError(f"no label template {name!r} (templates: {known})")


def default_template(session: Session) -> LabelTemplate:
    """The brand's default template, else the 50 x 30 mm roll preset."""
    row = session.execute(select(TemplateRow).where(TemplateRow.is_default)).scalar_one_or_none()
    return template_from_dict(row.layout) if row is not None else PRESETS[DEFAULT_PRESET]


def save_template(session: Session, template: LabelTemplate) -> None:
    """Insert or replace the template of this name (checked by ``template_from_dict``)."""
    checked = template_from_dict(template.to_dict())
    row = session.execute(
        select(TemplateRow).where(TemplateRow.name == checked.name)
    ).scalar_one_or_none()
    if row is None:
        session.add(TemplateRow(name=checked.name, layout=checked.to_dict()))
        action = "created"
    else:
        row.layout = checked.to_dict()
        action = "updated"
    session.flush()
    audit.append(session, "label_template", checked.name, action)


def set_default(session: Session, name: str) -> None:
    template = get_template(session, name)
    row = session.execute(select(TemplateRow).where(TemplateRow.name == name)).scalar_one_or_none()
    if row is None:
        save_template(session, template)
    session.execute(update(TemplateRow).values(is_default=TemplateRow.name == name))
    audit.append(session, "label_template", name, "made_default")
