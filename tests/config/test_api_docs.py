"""API docs people can use (issue 16): operations grouped by resource, each with a one-line summary, and
a link back to the portal."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_groups_operations_by_resource_with_one_line_summaries(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert len(operations) > 50
    for path, _method, operation in operations:
        resource = path.removeprefix("/api/v1/").split("/", 1)[0]
        assert operation["tags"] == [resource], (path, operation["tags"])
        assert operation["summary"] and "\n" not in operation["summary"] and len(operation["summary"]) <= 80
    names = [tag["name"] for tag in schema["tags"]]
    assert names == sorted(names) and {"conferences", "summaries", "certifications"} <= set(names)
    assert "v1" not in names
    by_path = {(p, m): o for p, m, o in operations}
    assert by_path[("/api/v1/conferences/", "get")]["summary"] == "List conferences"
    assert by_path[("/api/v1/summaries/sources/", "get")]["summary"] == "Sources of one summary number"
    assert schema["externalDocs"]["url"] == "/"
    assert "](/)" in schema["info"]["description"]
