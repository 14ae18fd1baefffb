"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030 as a fallback."""
from __future__ import annotations

from okrlint.record import Frozen, set_field


class Decoded(Frozen):
    __slots__ = ("text", "encoding")
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "gb18030"

    def __init__(self, text: str, encoding: str) -> None:
        set_field(self, "text", text)
        set_field(self, "encoding", encoding)


class DecodeError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def decode(data: bytes) -> Decoded:
    return Decoded(*decode_pair(data))


def decode_pair(data: bytes) -> tuple[str, str]:
    """:func:`decode`'s text and encoding, without building the frozen record (once per file read)."""
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        if enc != "utf-8":
            line, col = _position(data, exc.start)
            raise DecodeError(f"not valid {enc}: {exc.reason}", line, col) from None
        # GB18030 decodes almost any byte string, so only accept it when the
        # result is mostly CJK and printable: otherwise report the UTF-8 error.
        try:
            alt = data.decode("gb18030")
        except UnicodeDecodeError:
            alt = None
        if alt is not None and _plausible_gb(alt):
            return alt.replace("\r\n", "\n").replace("\r", "\n"), "gb18030"
        line, col = _position(data, exc.start)
        raise DecodeError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, col) from None
    if "\x00" in text:
        line, col = _position(data, data.index(b"\x00"))
        raise DecodeError("binary file (NUL byte)", line, col)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, "utf-8" if enc == "utf-8-sig" else enc


def _plausible_gb(text: str) -> bool:
    if "\x00" in text:
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r") or "\ue000" <= ch <= "\uf8ff")
    return cjk > 0 and odd == 0
