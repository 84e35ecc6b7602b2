"""OpenAPI glue: the error answers every operation can give, documented in the schema.

drf-spectacular documents only the success answer of each operation; clients (and the schemathesis run
of `make fuzz`, which checks every answer against the schema) need the error answers too. This
postprocessing hook adds them with one shared `Error` body, the shape config.exceptions produces:
`{"detail": "...", "code": "..."}`, plus one list of messages per field for validation errors.

- every operation: 401 (wrong HTTP Basic credentials), 403 (no permission, two-factor sign-in required),
  503 (database unavailable, ops.middleware);
- operations with a path parameter, and paginated lists (a page past the end): 404;
- operations with query parameters, a request body or header parameters: 400;
- writes (POST, PUT, PATCH, DELETE): 400, 409 (conflicting record or state) and, with a body, 415;
- operations taking If-Match (movement.api.versioning.IF_MATCH): 412 (stale) and 428 (missing);
- views with throttles: 429.
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what went wrong in the user's language; validation errors also "
    "list messages per field.",
    "properties": {
        "detail": {"type": "string"},
        # a machine-readable code; or, for a request field named "code", that field's messages
        "code": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    },
    "additionalProperties": True,
}

DESCRIPTIONS = {
    "400": "Invalid input (messages per field).",
    "401": "Wrong credentials.",
    "403": "Not allowed (missing capability, or two-factor sign-in required).",
    "404": "Not found, or outside your scope.",
    "409": "Conflicts with an existing record or with the record's current state.",
    "412": "Someone else changed the record since you read it (If-Match is stale).",
    "415": "Unsupported media type.",
    "428": "If-Match is required (the ETag you read).",
    "429": "Too many requests: try again later (Retry-After).",
    "503": "The database is temporarily unavailable: nothing was saved (Retry-After).",
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _throttled(generator) -> set[tuple[str, str]]:
    found = set()
    for path, _regex, method, callback in getattr(generator, "endpoints", None) or []:
        throttles = callback.initkwargs.get("throttle_classes", getattr(callback.cls, "throttle_classes", ()))
        if throttles:
            found.add((path, method.lower()))
    return found


def _is_paginated(operation: dict, components: dict) -> bool:
    schema = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
    schema = schema.get("schema", {})
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return "count" in schema.get("properties", {}) and "results" in schema.get("properties", {})


def _codes(method: str, operation: dict, *, paginated: bool, throttled: bool) -> set[str]:
    parameters = operation.get("parameters", [])
    codes = {"401", "403", "503"}
    if any(p["in"] == "path" for p in parameters) or paginated:
        codes.add("404")
    if any(p["in"] in ("query", "header") for p in parameters) or "requestBody" in operation:
        codes.add("400")
    if method in WRITE_METHODS:
        codes |= {"400", "404", "409"}
        if "requestBody" in operation:
            codes.add("415")
    if any(p["in"] == "header" and p["name"].lower() == "if-match" for p in parameters):
        codes |= {"412", "428"}
    if throttled:
        codes.add("429")
    return codes


def document_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    throttled = _throttled(generator)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = _codes(
                method,
                operation,
                paginated=_is_paginated(operation, components),
                throttled=(path, method) in throttled,
            )
            for code in sorted(codes):
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
