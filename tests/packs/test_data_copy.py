"""Shipped rule data (vocabularies, messages, thresholds) is parsed from YAML once per content, then read
from a JSON copy in the user's cache folder; a missing, corrupt or unwritable copy only costs the YAML parse."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrlint import packs


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "okrlint" / "data"


def _shipped() -> list[Path]:
    root = packs.data_dir()
    return sorted([*root.glob("core/*.yaml"), *root.glob("vocabulary/*.yaml")])


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("parsed YAML although a copy exists")

    monkeypatch.setattr(packs.yaml, "load", refuse)


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_copy_is_written_once_and_read_back_equal(path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = yaml.load(path.read_bytes(), Loader=yaml.SafeLoader)
    assert packs.load_data(path) == expected
    assert len(list(home.glob("*.json"))) == 1
    _no_yaml(monkeypatch)
    assert packs.load_data(path) == expected


def test_corrupt_copy_falls_back_to_yaml_and_is_rewritten(home: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("up: [提升, increase]\n", encoding="utf-8")
    packs.load_data(src)
    [copy] = home.glob("*.json")
    copy.write_bytes(b'{"up": ["trunc')
    assert packs.load_data(src) == {"up": ["提升", "increase"]}
    _no_yaml(monkeypatch)
    assert packs.load_data(src) == {"up": ["提升", "increase"]}


def test_edited_data_is_parsed_again(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.yaml"
    src.write_text("up: [提升]\n", encoding="utf-8")
    assert packs.load_data(src) == {"up": ["提升"]}
    src.write_text("up: [提升, 提高]\n", encoding="utf-8")
    assert packs.load_data(src) == {"up": ["提升", "提高"]}


def test_values_json_cannot_keep_are_not_copied(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "dated.yaml"
    src.write_text("2026-01-01: start\nwhen: 2026-03-31\n", encoding="utf-8")
    first = packs.load_data(src)
    assert packs.load_data(src) == first and not list(home.glob("*.json"))


def test_unusable_cache_home_still_loads(home: Path, tmp_path: Path) -> None:
    home.parent.parent.mkdir(parents=True)
    home.parent.write_text("a file where the folder should be", encoding="utf-8")  # makedirs fails, even as root
    src = tmp_path / "words.yaml"
    src.write_text("up: [提升]\n", encoding="utf-8")
    assert packs.load_data(src) == packs.load_data(src) == {"up": ["提升"]}
