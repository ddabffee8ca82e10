"""How a new program's team and CI install icmkit: the pip requirement ``init`` writes into
the generated CI configuration and README.

By default it is the requirement that installed the icmkit running ``init``, read from the
installation's ``direct_url.json`` (PEP 610): a git URL at the installed commit, the wheel's
URL or path, or the folder of a local checkout; an icmkit installed from a package index has
no such file and gets a version pin. ``init --requirement SPEC`` gives it explicitly.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from icmkit import __version__
from icmkit.errors import UsageError

DISTRIBUTION: Final = "icmkit"


@dataclass(frozen=True)
class InstallRequirement:
    """A pip requirement for icmkit and where it comes from, in words for the README."""

    spec: str
    """What ``python -m pip install`` takes: ``icmkit==0.1.0``, ``icmkit @ git+https://…``."""
    source: str
    """Where it installs from, such as "the package index" or "a git repository"."""
    local: bool = False
    """It names a file or folder on the machine that ran ``init``: a CI runner or a colleague
    cannot reach it."""


def version_pin(version: str = __version__) -> InstallRequirement:
    return InstallRequirement(f"{DISTRIBUTION}=={version}", "the package index")


def from_direct_url(data: Any, version: str = __version__) -> InstallRequirement:
    """The requirement a ``direct_url.json`` describes (a version pin when it makes no sense)."""
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return version_pin(version)
    url: str = data["url"]
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{revision}" if isinstance(revision, str) and revision else ""
        return InstallRequirement(
            f"{DISTRIBUTION} @ {vcs['vcs']}+{url}{at}", f"a {vcs['vcs']} repository"
        )
    local = urlsplit(url).scheme == "file"
    if isinstance(data.get("archive_info"), dict):
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        kind = "a wheel" if name.endswith(".whl") else "an archive"
        where = "file on this machine" if local else "download"
        return InstallRequirement(f"{DISTRIBUTION} @ {url}", f"{kind} {where}", local)
    if isinstance(data.get("dir_info"), dict):
        return InstallRequirement(f"{DISTRIBUTION} @ {url}", "a folder on this machine", local)
    return version_pin(version)


def running_requirement() -> InstallRequirement:
    """The requirement that installed the running icmkit."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        found = distribution(DISTRIBUTION)
    except PackageNotFoundError:
        return version_pin()
    text = found.read_text("direct_url.json")
    if not text:
        return version_pin(found.version)
    try:
        data = json.loads(text)
    except ValueError:
        return version_pin(found.version)
    return from_direct_url(data, found.version)


def given_requirement(text: str) -> InstallRequirement:
    """``--requirement SPEC`` as given: one line of text."""
    spec = text.strip()
    if not spec or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in spec):
        raise UsageError("--requirement must be one line, such as 'icmkit==0.1.0'")
    local = spec.startswith(("/", ".", "file:")) or "@ file:" in spec
    return InstallRequirement(spec, "the --requirement given to icmkit init", local)
