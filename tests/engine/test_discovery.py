"""Which files a directory walk finds, and in what order: compared with the same walk done with os.walk."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest

from okrlint.engine.config import Config
from okrlint.files import discover

OKR = "objectives:\n  - title: 打造一次修好的服务能力\n"


def _reference(top: str, config: Config) -> list[str]:
    """The walk as os.walk, islink and isfile give it, one fnmatch per pattern."""
    out = []
    for root, dirs, files in os.walk(top, followlinks=False):
        rel = config.relpath(root)

        def excluded(name: str) -> bool:
            path = name if rel == "." else f"{rel}/{name}"
            return any(fnmatch.fnmatch(p, pat) for pat in config.exclude for p in (path, name))

        dirs[:] = sorted(d for d in dirs if not excluded(d))
        for name in sorted(files):
            full = os.path.join(root, name)
            if excluded(name) or os.path.islink(full) or not os.path.isfile(full):
                continue
            if any(fnmatch.fnmatch(name, pat) for pat in config.include) or (
                    name.endswith((".yaml", ".md")) and "objectives" in Path(full).read_text(encoding="utf-8")):
                out.append(full)
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    for rel in ("b.okr.yaml", "a.okr.md", "Z.okr.yaml", "sub/c.okr.yaml", "sub/deep/d.okr.md", "sub/notes.txt",
                "sub-2/e.okr.yaml", "sub.x/f.okr.yaml", "archive/old.okr.yaml", "sub/archive/g.okr.yaml",
                "team.yaml", "other.yaml", "node_modules/h.okr.yaml", "空 格/目标.okr.yaml"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(OKR if rel != "other.yaml" else "name: x\n", encoding="utf-8")
    (root / "sub" / "loop").symlink_to("..")
    (root / "link.okr.yaml").symlink_to(root / "b.okr.yaml")
    (root / "linked-dir").symlink_to(root / "sub")
    os.mkfifo(root / "pipe.okr.yaml")
    return root


@pytest.mark.parametrize("exclude", [[], ["archive"], ["sub/deep", "*.md"], ["sub*"]])
def test_walk_finds_what_os_walk_finds_in_the_same_order(tree: Path, exclude: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    config = Config(data={"exclude": exclude}, root=tree)
    for top in (".", str(tree), "sub"):
        found = [p for p, _ in discover([top], config)]
        assert found == _reference(top, config)
    everything = [p for p, _ in discover(["."], Config(root=tree))]
    assert everything[:4] == ["./Z.okr.yaml", "./a.okr.md", "./b.okr.yaml", "./team.yaml"]  # a folder's files first
    assert "./sub/c.okr.yaml" in everything and "./node_modules/h.okr.yaml" not in everything
    assert not any("loop" in p or "link" in p or "pipe" in p for p in everything)
