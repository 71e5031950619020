"""Hostile and broken DOCX files for the bad-input tests.

The zip bomb is written by hand (local headers, central directory) so its
deflate stream can be made of one compressed megabyte of zeros repeated: a
2 MB file that inflates to gigabytes, built in milliseconds.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from docx_builder import document_xml, heading, para, write_docx

MB = 1 << 20


def _zeros_block() -> bytes:
    """One MB of zeros, deflated and fully flushed so copies can be concatenated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(b"\0" * MB) + c.flush(zlib.Z_FULL_FLUSH)


def _end_block() -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.flush(zlib.Z_FINISH)


def _zero_crc(n_mb: int) -> int:
    crc = 0
    chunk = b"\0" * MB
    for _ in range(n_mb):
        crc = zlib.crc32(chunk, crc)
    return crc


def raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip of (name, deflated data, crc, declared size, method) members as given, sizes unchecked."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size, method in members:
        offset = len(out)
        n = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(n), 0)
        out += n + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(n),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def zip_bomb(path: Path, inflated_mb: int = 2048, *, declare: int | None = None) -> Path:
    """A DOCX whose document.xml inflates to ``inflated_mb`` MB of zeros.

    ``declare`` sets the size the headers claim (default: the true size);
    a small value makes a bomb that lies about its size.
    """
    data = _zeros_block() * inflated_mb + _end_block()
    size = inflated_mb * MB if declare is None else declare
    crc = _zero_crc(inflated_mb) if inflated_mb <= 512 else 0
    ok = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    return raw_zip(
        path,
        [
            ("[Content_Types].xml", ok, zlib.crc32(ok), len(ok), 0),
            ("word/document.xml", data, crc, size & 0xFFFFFFFF, 8),
        ],
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""


def with_document(path: Path, xml: str) -> Path:
    """A DOCX whose document.xml is ``xml`` exactly."""
    write_docx(path, [heading("Introduction", 1)])
    replaced = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(replaced, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml.encode() if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)
    replaced.replace(path)
    return path


def without_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<w:styles/>")
    return path


def truncated(path: Path) -> Path:
    write_docx(path, [heading("Introduction", 1), *(para(text=f"Paragraph {i} " * 20) for i in range(200))])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_member(path: Path) -> Path:
    """A DOCX whose document.xml bytes are damaged (CRC mismatch / bad deflate)."""
    write_docx(path, [heading("Introduction", 1), *(para(text=f"Paragraph {i} " * 20) for i in range(50))])
    data = bytearray(path.read_bytes())
    at = data.find(b"word/document.xml") + len("word/document.xml") + 40
    for i in range(at, at + 200):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


__all__ = ["BILLION_LAUGHS", "EXTERNAL_ENTITY", "document_xml"]


def zip_encrypted(path: Path) -> Path:
    """A DOCX whose document.xml entry claims zip encryption (general purpose flag bit 0)."""
    write_docx(path, [heading("Introduction", 1)])
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + flag_at] |= 1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path
