"""API docs people can use (issue 16): every operation grouped under its resource (the path segment after
/api/v1/, e.g. "conferences"), each with a one-line summary, and a link back to the portal. A drf-spectacular
postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""

import re

PREFIX = re.compile(r"^/api/v\d+/")
VERBS = {"get": "Read", "post": "Create", "put": "Replace", "patch": "Change", "delete": "Delete"}


def _resource(path: str) -> str:
    rest = PREFIX.sub("", path)
    return rest.split("/", 1)[0] or "api"


def _summary(method: str, path: str, resource: str) -> str:
    """ "GET /api/v1/conferences/" → "List conferences"; "POST …/{id}/approve/" → "Approve one (conferences)"."""
    parts = [p for p in PREFIX.sub("", path).strip("/").split("/") if p]
    words = resource.replace("-", " ")
    if len(parts) == 1:
        return f"List {words}" if method == "get" else f"{VERBS.get(method, method.upper())} ({words})"
    if len(parts) == 2 and parts[1].startswith("{"):
        return f"{'Read' if method == 'get' else VERBS.get(method, method.upper())} one ({words})"
    tail = parts[-1] if not parts[-1].startswith("{") else parts[-2]
    action = tail.replace("-", " ")
    if method == "get":
        return f"List the {action} ({words})"
    if parts[-1].startswith("{"):
        return f"{VERBS.get(method, method.upper())} one of the {action} ({words})"
    if (
        method == "post"
        and len(parts) >= 3
        and parts[1].startswith("{")
        and action in {"figures", "tallies", "sources", "recipients"}
    ):
        return f"Add to the {action} ({words})"
    return f"{action[:1].upper()}{action[1:]} ({words})"


def group_by_resource(result, generator, request, public):
    resources: dict[str, str] = {}
    for path, operations in result.get("paths", {}).items():
        resource = _resource(path)
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            tags = [t for t in operation.get("tags", []) if not re.fullmatch(r"v\d+", t)]
            operation["tags"] = tags or [resource]
            if not operation.get("summary"):
                operation["summary"] = _summary(method, path, resource)
            for tag in operation["tags"]:
                resources.setdefault(tag, tag)
    result["tags"] = [{"name": name, "description": f"Operations on /api/v1/{name}/."} for name in sorted(resources)]
    info = result.setdefault("info", {})
    info["description"] = (
        info.get("description", "") + "\n\n[← Back to the portal (Về cổng thông tin)](/) · "
        "Public data needs no account; staff sign in on the portal or use HTTP Basic over HTTPS."
    ).strip()
    result["externalDocs"] = {"description": "The portal (Cổng thông tin)", "url": "/"}
    return result
