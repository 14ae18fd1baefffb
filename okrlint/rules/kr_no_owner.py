"""A key result has no owner (off by default).

## What it does
Flags a key result without its own `owner:` (in Markdown: `(负责人: 张三)`,
`(owner: @alice)` or `— @alice` after the line). With the option `inherit: true`
an owner on the objective counts for its key results.

Enable it with `extend-select: [kr-no-owner]`.

## Why is this bad?
In the article's step 3 every key result goes to one person (客户分层 → 客户运营专员,
FTR诊断 → 质量管理专员 …) — "现在,每个人都知道自己要做什么了". A key result that
belongs to everybody is followed up by nobody.

## Example
Bad:
```yaml
key_results:
  - 建立FTR监控与诊断体系,返修原因识别准确率达到90%
  - Launch the after-sales dashboard
```
Good:
```yaml
key_results:
  - {title: 建立FTR监控与诊断体系,返修原因识别准确率达到90%, owner: 质量管理专员}
  - {title: Launch the after-sales dashboard, owner: Data analyst}
```

## Options
`inherit` (default `false`): the objective's owner counts as the owner of its key results.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem

CODE = "OKR505"
NAME = "kr-no-owner"
SCOPE = "key_result"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"inherit": {"type": "boolean"}},
}


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    if (kr.owner or "").strip():
        return
    if ctx.options.get("inherit") and ctx.parent is not None and (ctx.parent.owner or "").strip():
        return
    yield Problem("no-owner", {"text": kr.title})
