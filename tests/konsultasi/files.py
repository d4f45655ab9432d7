"""Test files, good and hostile, made on the spot (nothing downloaded)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name="surat.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def jpeg_with_gps(name="foto.jpg"):
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (0.0, 26.0, 0.0)}  # a GPS block, as a phone writes it
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="peta.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 90, 70)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def executable_as_pdf():
    return SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")


def html_as_pdf():
    return SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")


def fake_png():
    return SimpleUploadedFile(
        "gambar.png", b"\x89PNG\r\n\x1a\n" + b"bukan gambar sungguhan" * 10, content_type="image/png"
    )


def decompression_bomb():
    """A valid PNG header claiming 30,000 × 30,000 pixels (900 million) in a few hundred bytes."""
    width = height = 30_000

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bom.png", data, content_type="image/png")


def too_large(megabytes=6):
    return SimpleUploadedFile(
        "besar.pdf", MINIMAL_PDF + b"0" * (megabytes * 1024 * 1024), content_type="application/pdf"
    )


def empty():
    return SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf")


def svg_as_png():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    return SimpleUploadedFile("peta.png", svg, content_type="image/png")


def svg_as_pdf():
    return SimpleUploadedFile("peta.pdf", b'<?xml version="1.0"?><svg><script>alert(1)</script></svg>')


def polyglot_pdf():
    """A PDF that is also a web page: a browser sniffing it, or a server guessing, would run the script."""
    html = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    return SimpleUploadedFile("laporan.pdf", MINIMAL_PDF[:9] + html + MINIMAL_PDF[9:], content_type="application/pdf")


def polyglot_png():
    """A real picture with a web page appended after its end."""
    upload = png()
    data = upload.read() + b"<html><script>alert(1)</script></html>"
    return SimpleUploadedFile("peta.png", data, content_type="image/png")


def traversal_name():
    return SimpleUploadedFile("../../../etc/cron.d/jahat.pdf", MINIMAL_PDF, content_type="application/pdf")
