"""The file is not UTF-8.

## What it does
Reports files okrlint had to read as GB18030/GBK or UTF-16. The file is still
linted.

## Why is this bad?
Editors, diff tools and CI systems assume UTF-8; a GBK file shows up as garbage
in a pull request. Save it as UTF-8.

## Example
A file saved by an old editor in GBK: `file-encoding` on line 1.

## Options
None.
"""
CODE = "OKR005"
NAME = "file-encoding"
SCOPE = "document"
SEVERITY = "warning"
check = None
