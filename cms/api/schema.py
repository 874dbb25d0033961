"""OpenAPI post-processing: only our endpoints, and the error responses every operation can give."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["error"],
}
ERROR_RESPONSES = {
    "400": "Invalid or unknown parameter (the parameter is named in fields)",
    "404": "Not found or not published",
    "429": "Too many requests from this client; see the Retry-After header",
}


def only_v1_endpoints(endpoints):
    """The OpenAPI document covers our own endpoints; Wagtail's API v2 documents itself."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for status, description in ERROR_RESPONSES.items():
                operation["responses"].setdefault(status, {"description": description, "content": reference})
    return result
