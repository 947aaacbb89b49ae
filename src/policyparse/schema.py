"""The JSON Schema of a PlanDocument, generated from the pydantic models."""

from __future__ import annotations

import json

from policyparse.model import PlanDocument


def schema_json() -> str:
    """The schema as stable, pretty-printed JSON (the committed file in ``schemas/``)."""
    schema = PlanDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://policyparse.invalid/schemas/plan-document.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
