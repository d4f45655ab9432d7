"""The README and the docs are read in a clone of the repository: every file they point at must be in it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# A file path in code style: relative, with a folder and an extension (`docs/deploy.md`, `../shared/X.md`).
CODE_PATH = re.compile(r"`((?:\.\./)*[\w.-]+/[\w./-]*\.(?:md|py|csv|txt|toml))`")


def pointers(document: Path) -> list[str]:
    text = document.read_text()
    links = [link for link in MARKDOWN_LINK.findall(text) if "://" not in link and not link.startswith("mailto:")]
    return links + CODE_PATH.findall(text)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_file_a_document_points_at_is_in_the_repository(document):
    missing = []
    for pointer in pointers(document):
        target = (document.parent / pointer).resolve()
        from_root = (ROOT / pointer).resolve()
        inside = ROOT.resolve() in target.parents or ROOT.resolve() in from_root.parents
        if not inside or not (target.exists() or from_root.exists()):
            missing.append(pointer)
    assert missing == [], f"{document.name} points outside the repository or at missing files: {missing}"


def test_readme_says_how_to_pick_the_port():
    readme = (ROOT / "README.md").read_text()
    assert "make run PORT=" in readme
    assert "SITE_URL" in readme
