"""The result cache survives okrlint being killed in the middle of writing it (SIGKILL, no clean-up)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Run okrlint with os.replace of a cache file (the atomic step of Cache.save) replaced by SIGKILL to itself: the
# process dies after the temporary file is written and before it is renamed.
KILLED = """
import os, signal, sys
sys.path.insert(0, {root!r})
real_replace = os.replace
def replace(src, dst, *a, **k):  # other files okrlint keeps (its parsed rule data) are written normally
    if str(dst).endswith(".cache"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(src, dst, *a, **k)
os.replace = replace
from okrlint.cli import main
sys.exit(main(["check", "okrs", "--format", "json"]))
"""



def test_killed_mid_write_then_next_run_is_correct(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "okrs")
    (tmp_path / "okrs" / "bad.okr.yaml").write_bytes(b"objectives: [[[\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    killed = subprocess.run([sys.executable, "-c", KILLED.format(root=str(ROOT))], cwd=tmp_path, env=env,
                            capture_output=True, timeout=120)
    assert killed.returncode == -9
    cache = tmp_path / ".okrlint_cache"
    leftovers = [p for p in cache.iterdir() if p.name.startswith(".tmp-")] if cache.exists() else []
    assert leftovers, "the kill should have left a half-done write behind"
    # A corrupt entry where the real one would be: truncated copy of the temporary file.
    (cache / f"{'0' * 32}.cache").write_bytes(leftovers[0].read_bytes()[:100])
    first = subprocess.run([sys.executable, "-m", "okrlint", "check", "okrs", "--format", "json"], cwd=tmp_path,
                           env=env, capture_output=True, timeout=120)
    second = subprocess.run([sys.executable, "-m", "okrlint", "check", "okrs", "--format", "json"], cwd=tmp_path,
                            env=env, capture_output=True, timeout=120)
    assert first.returncode == second.returncode == 1 and first.stderr == second.stderr == b""
    import json

    findings = [json.loads(run.stdout)["findings"] for run in (first, second)]
    assert findings[0] == findings[1]
    assert ("okrs/bad.okr.yaml", "parse-error", "yaml-syntax") in {
        (f["file"], f["rule"], f["message_id"]) for f in findings[0]}
