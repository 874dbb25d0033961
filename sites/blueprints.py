"""Blueprints: what a portal of each kind contains, read from data (sites/blueprints/portal.yaml)."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.apps import apps
from django.utils.text import slugify

BLUEPRINT_FILE = Path(__file__).parent / "blueprints" / "portal.yaml"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    page_type: str
    section_code: str
    in_menu: bool = False
    description: str = ""
    language: str = ""  # the section's language when not the portal's (the English section)
    children: tuple = field(default_factory=tuple)

    @property
    def model(self):
        return apps.get_model(self.page_type)


@dataclass(frozen=True)
class Blueprint:
    kind: str
    version: int
    theme: str
    sections: tuple

    def walk(self):
        """Every section with its parent's slug path, parents before children."""

        def visit(sections, parent_path):
            for section in sections:
                yield parent_path, section
                yield from visit(section.children, parent_path + (section.slug,))

        yield from visit(self.sections, ())

    def section_codes(self):
        return {section.section_code for _, section in self.walk()}


def _sections_for(kind, raw_sections):
    return tuple(
        Section(
            slug=slugify(raw["slug"]),
            title=raw["title"],
            page_type=raw["type"],
            section_code=raw["section"],
            in_menu=raw.get("in_menu", False),
            description=raw.get("description", ""),
            language=raw.get("language", ""),
            children=_sections_for(kind, raw.get("children", [])),
        )
        for raw in raw_sections
        if kind in raw.get("kinds", [kind])
    )


@lru_cache(maxsize=None)
def _raw_blueprint():
    with open(BLUEPRINT_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def blueprint_for(kind):
    raw = _raw_blueprint()
    return Blueprint(
        kind=kind,
        version=raw["version"],
        theme=raw["themes"].get(kind, "classic"),
        sections=_sections_for(kind, raw["sections"]),
    )
