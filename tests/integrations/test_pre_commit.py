"""The pre-commit hook manifest, and the pre-commit configuration ``init`` writes."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from icmkit.resources import templates_root
from icmkit.scaffold.options import CiChoice, InitOptions
from icmkit.scaffold.plan import plan_files

REPO = Path(__file__).resolve().parents[2]

# pre-commit's manifest schema (pre_commit/clientlib.py, MANIFEST_HOOK_DICT): required keys,
# then the optional keys with their types.
REQUIRED = ("id", "name", "entry", "language")
OPTIONAL: dict[str, type] = {
    "alias": str,
    "files": str,
    "exclude": str,
    "types": list,
    "types_or": list,
    "exclude_types": list,
    "additional_dependencies": list,
    "args": list,
    "always_run": bool,
    "fail_fast": bool,
    "pass_filenames": bool,
    "description": str,
    "language_version": str,
    "log_file": str,
    "require_serial": bool,
    "stages": list,
    "verbose": bool,
    "minimum_pre_commit_version": str,
}
LANGUAGES = {
    "conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang",
    "haskell", "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust",
    "script", "swift", "system", "unsupported", "unsupported_script",
}  # fmt: skip


def manifest_problems(hooks: Any) -> list[str]:
    """What pre-commit would refuse in a manifest (a list of hook mappings)."""
    if not isinstance(hooks, list) or not hooks:
        return ["the manifest must be a non-empty list of hooks"]
    problems: list[str] = []
    for index, hook in enumerate(hooks):
        if not isinstance(hook, dict):
            problems.append(f"hook {index}: not a mapping")
            continue
        for key in REQUIRED:
            if not isinstance(hook.get(key), str) or not hook[key]:
                problems.append(f"hook {index}: `{key}` must be non-empty text")
        for key, value in hook.items():
            if key in REQUIRED:
                continue
            expected = OPTIONAL.get(key)
            if expected is None:
                problems.append(f"hook {index}: unknown key `{key}`")
            elif not isinstance(value, expected):
                problems.append(f"hook {index}: `{key}` must be {expected.__name__}")
            elif expected is list and not all(isinstance(v, str) for v in value):
                problems.append(f"hook {index}: `{key}` must be a list of text")
        if hook.get("language") not in LANGUAGES:
            problems.append(f"hook {index}: unknown language {hook.get('language')!r}")
        for key in ("files", "exclude"):
            if isinstance(hook.get(key), str):
                try:
                    re.compile(hook[key])
                except re.error:
                    problems.append(f"hook {index}: `{key}` is not a regular expression")
    return problems


def _manifest() -> list[dict[str, Any]]:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks: list[dict[str, Any]] = yaml.safe_load(text)
    assert manifest_problems(hooks) == []
    return hooks


def test_the_manifest_defines_icmkit_check_as_pre_commit_expects() -> None:
    (hook,) = _manifest()

    assert hook["id"] == "icmkit-check"
    assert hook["entry"] == "icmkit check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("requirements/core.yaml")
    assert pattern.search("plans/ae.yml")
    assert not pattern.search("README.md")


def test_the_hook_entry_is_a_console_script_of_this_package() -> None:
    (hook,) = _manifest()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert hook["entry"].split()[0] in project["project"]["scripts"]


def test_the_checker_refuses_a_broken_manifest() -> None:
    broken = [{"id": "x", "name": "x", "language": "python", "always_run": "yes", "typo": 1}]
    assert manifest_problems(broken) == [
        "hook 0: `entry` must be non-empty text",
        "hook 0: `always_run` must be bool",
        "hook 0: unknown key `typo`",
    ]


def _init_config() -> str:
    options = InitOptions("Acme", "Performio", "USD", dt.date(2027, 1, 11), CiChoice.GITHUB)
    files = {f.path: f.data.decode("utf-8") for f in plan_files(options, templates_root())}
    return files[".pre-commit-config.yaml"]


def test_init_config_runs_the_same_hook_as_the_manifest() -> None:
    (manifest_hook,) = _manifest()
    config = yaml.safe_load(_init_config())

    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert manifest_problems([hook]) == []
    assert hook["language"] == "system"  # the icmkit already installed
    for key in ("id", "name", "entry", "pass_filenames", "always_run", "files"):
        assert hook[key] == manifest_hook[key], key


def test_init_config_documents_the_remote_hook_with_a_placeholder_url() -> None:
    from icmkit import __version__

    text = _init_config()
    block = "\n".join(
        line.removeprefix("#  ") for line in text.splitlines() if line.startswith("#   ")
    )
    (remote,) = yaml.safe_load(block)

    assert remote["repo"].startswith("https://")
    assert "example" in remote["repo"]
    assert remote["rev"] == f"v{__version__}"
    assert remote["hooks"] == [{"id": _manifest()[0]["id"]}]
