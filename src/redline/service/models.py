"""Request and response bodies (pydantic), and the limits they enforce."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from redline.analysis.scenario import DEFAULT_DEPTH, MAX_DEPTH

MAX_TEXT_CHARS = 200_000  # a long article is some 30,000 characters
MAX_TITLE_CHARS = 1_000


class CodeRequest(BaseModel):
    """A text to code; ``date`` is its publication day (relative dates are read from it)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    date: dt.date | None = Field(default=None, strict=False)
    title: str = Field(default="", max_length=MAX_TITLE_CHARS)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the text is empty: it holds only white space")
        return text


class DocumentRequest(CodeRequest):
    """A document to code and store; ``id`` keys it (else the hash of its text does)."""

    id: str = Field(default="", max_length=200)
    url: str = Field(default="", max_length=2_000)
    source: str = Field(default="", max_length=200)


class CodeResponse(BaseModel):
    events: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    sentences: int


class DocumentResponse(BaseModel):
    doc_key: str
    status: str  # new, present (already stored, unchanged) or duplicate (a near copy)
    run_id: str
    events: int
    commitments: int


class EventPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None


class ScenarioRequest(BaseModel):
    """'ACTOR TYPE RECIPIENT [MODE]' ("KOR AID UKR weapons")."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, max_length=500)
    depth: int = Field(default=DEFAULT_DEPTH, ge=1, le=MAX_DEPTH)


class ErrorBody(BaseModel):
    error: str
    detail: Any = None
