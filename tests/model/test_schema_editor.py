"""yaml-language-server itself offers the schema's Chinese labels: completion inside an
item lists the fields with their Chinese documentation, and a field's values with theirs.

Needs node and yaml-language-server (`npm install yaml-language-server`): found through
YAML_LANGUAGE_SERVER (the path of its `yaml-language-server` script), else on PATH.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

import pytest
from tests.conftest import RunCli

TIMEOUT = 60


def _server() -> list[str]:
    script = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    node = shutil.which("node")
    if not script or not node or not Path(script).exists():
        pytest.skip(
            "yaml-language-server not found: `npm install yaml-language-server` and set "
            "YAML_LANGUAGE_SERVER to node_modules/.bin/yaml-language-server"
        )
    return [node, str(Path(script).resolve()), "--stdio"]


class Client:
    """The few LSP messages the test needs, over the server's standard input and output."""

    def __init__(self, command: list[str]) -> None:
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                key, _sep, value = line.decode("ascii").partition(":")
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self.inbox.get(timeout=TIMEOUT)
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
            if "method" in message and "id" in message:  # the server asks the client
                self._answer(message)

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            settings = {"validate": True, "completion": True, "hover": True}
            result = [settings for _item in message["params"]["items"]]
        self.send({"id": message["id"], "result": result})

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except (queue.Empty, subprocess.TimeoutExpired, BrokenPipeError):
            self.proc.kill()
            self.proc.wait()
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()


CATALOG = """\
# yaml-language-server: $schema={schema}
dutylist: 1
catalog:
  kind: empowerment
  title: 景洪市乡镇（街道）赋权事项清单
  version: "2024-08"
items:
  - id: "JH-T-001"
    name: 测试事项
    department: jt
    category:{space}
{indent}
"""


def _documentation(item: dict[str, Any]) -> str:
    doc = item.get("documentation") or ""
    return doc.get("value", "") if isinstance(doc, dict) else str(doc)


def _complete(client: Client, uri: str, line: int, character: int) -> dict[str, str]:
    result = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
    )
    items = result["items"] if isinstance(result, dict) else result or []
    return {item["label"]: _documentation(item) for item in items}


def test_completion_offers_fields_and_values_with_chinese_labels(
    run_cli: RunCli, tmp_path: Path
) -> None:
    command = _server()
    schema = tmp_path / "empowerment.json"
    assert run_cli("schema", "empowerment", "-o", str(schema)).exit_code == 0
    path = tmp_path / "empowerment.yaml"
    # the cursor sits after `category: ` and on an empty line inside the item
    text = CATALOG.format(schema=schema.as_uri(), space=" ", indent="    ")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = Client(command)
    try:
        markdown = {"documentationFormat": ["markdown", "plaintext"]}
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": tmp_path.as_uri(),
                "capabilities": {
                    "textDocument": {"completion": {"completionItem": markdown}},
                    "workspace": {"configuration": True},
                },
            },
        )
        client.notify("initialized", {})
        client.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"yaml": {"validate": True, "completion": True, "hover": True}}},
        )
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        lines = text.splitlines()
        values_line = next(i for i, line in enumerate(lines) if "category:" in line)
        values = _complete(client, uri, values_line, len(lines[values_line]))
        fields = _complete(client, uri, values_line + 1, 4)
    finally:
        client.close()
    assert "licensing" in values, values
    # each value its own label (the field's description would name them all)
    assert "行政许可" in values["licensing"] and "行政处罚" not in values["licensing"]
    assert "行政处罚" in values["penalty"] and "行政许可" not in values["penalty"]
    assert {"scope", "basis", "method"} <= set(fields), fields
    assert "赋权范围" in fields["scope"] and "实施依据" in fields["basis"]
