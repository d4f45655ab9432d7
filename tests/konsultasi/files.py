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
    return png_claiming(30_000, 30_000, "bom.png")


def png_claiming(width, height, name="foto.png"):
    """A PNG whose header claims `width` × `height` pixels, in a few hundred bytes (no pixels are ever there)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, data, content_type="image/png")


def photo_36_megapixels():
    """6000 × 6000: re-encoding it would cost about a second of CPU."""
    return png_claiming(6000, 6000)


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


# --- Archives made by hand, so a test can say exactly what the directory declares and what the data holds.

MIB = 1024 * 1024


def deflated_zeros(mebibytes: int) -> bytes:
    """Raw deflate of `mebibytes` MiB of zeros, about 1,000 times smaller: one flushed block of 1 MiB of zeros
    compresses to the same bytes every time, so the stream is that block repeated (built in milliseconds)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(b"\x00" * MIB) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + packer.flush(zlib.Z_FINISH)


def zeros_crc(mebibytes: int) -> int:
    crc, block = 0, b"\x00" * MIB
    for _ in range(mebibytes):
        crc = zlib.crc32(block, crc)
    return crc


def handmade_zip(members) -> bytes:
    """members: (name, raw data, declared inflated size, crc, method: 0 stored / 8 deflated[, local offset to
    reuse]). Written as any zip tool would, except that the declared sizes are whatever the test says."""
    body, directory = b"", b""
    for name, raw, size, crc, method, *reuse in members:
        encoded = name.encode()
        offset = reuse[0] if reuse else len(body)
        sizes = (method, 0, 0x21, crc, len(raw), size, len(encoded), 0)  # method, time, date, crc, sizes, name
        if not reuse:
            body += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, *sizes) + encoded + raw
        directory += struct.pack("<4s4B4H3L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, *sizes, 0, 0, 0, 0, offset)
        directory += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return body + directory + end


def stored(name: str, text: bytes):
    return (name, text, len(text), zlib.crc32(text), 0)


DOCX_PARTS = [stored("[Content_Types].xml", b"<Types/>"), stored("word/document.xml", b"<document/>")]


def gibibyte_bomb_odt(name="catatan.odt"):
    """The attack as found: an OpenDocument whose "mimetype" member inflates to 1 GiB (upload about 1 MB)."""
    raw = deflated_zeros(1024)
    data = handmade_zip([("mimetype", raw, 1024 * MIB, zeros_crc(1024), 8), *DOCX_PARTS[1:]])
    return SimpleUploadedFile(name, data, content_type="application/vnd.oasis.opendocument.text")


def gibibyte_bomb_docx(name="laporan.docx"):
    """A DOCX whose document part inflates to 1 GiB, its directory saying so honestly."""
    raw = deflated_zeros(1024)
    data = handmade_zip([*DOCX_PARTS, ("word/media/isi.bin", raw, 1024 * MIB, zeros_crc(1024), 8)])
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def lying_docx(name="laporan.docx"):
    """A DOCX whose directory declares a 1 KB part that really inflates to 1 GiB."""
    raw = deflated_zeros(1024)
    data = handmade_zip([*DOCX_PARTS, ("word/media/isi.bin", raw, 1024, zeros_crc(1024), 8)])
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def overlapping_docx(name="laporan.docx"):
    """Thirty directory entries sharing one part's bytes, the trick of the 'non-recursive' zip bombs."""
    part = bytes(range(256)) * 8192  # 2 MiB that do not compress: no ratio to catch
    first = ("word/media/a.bin", part, len(part), zlib.crc32(part), 0)
    copies = [(f"word/media/{n}.bin", part, len(part), zlib.crc32(part), 0, 0) for n in range(30)]
    return SimpleUploadedFile(name, handmade_zip([first, *copies, *DOCX_PARTS]), content_type="application/zip")


def many_members_docx(name="laporan.docx", count=20_000):
    members = [*DOCX_PARTS, *(stored(f"word/media/{n}.xml", b"") for n in range(count))]
    return SimpleUploadedFile(name, handmade_zip(members), content_type="application/zip")


def nested_docx(depth: int, name="laporan.docx"):
    """A DOCX embedding an archive that embeds an archive … `depth` levels down."""
    inner = handmade_zip([stored("isi.txt", b"halo")])
    for _ in range(depth - 1):
        inner = handmade_zip([stored("lapisan.zip", inner)])
    data = handmade_zip([*DOCX_PARTS, stored("word/embeddings/lampiran.xlsx", inner)])
    return SimpleUploadedFile(name, data, content_type="application/zip")


# --- PDFs whose page streams are FlateDecode-compressed, for the library's text extraction.


def zlib_of_spaces(mebibytes: int) -> bytes:
    """A zlib stream (as /FlateDecode holds) of `mebibytes` MiB of spaces, about 1,000 times smaller."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    spaces = b" " * MIB
    head = packer.compress(spaces) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(spaces) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(mebibytes):
        checksum = zlib.adler32(spaces, checksum)
    return head + block * (mebibytes - 1) + packer.flush(zlib.Z_FINISH)[:-4] + checksum.to_bytes(4, "big")


def pdf_of_streams(streams: list[bytes]) -> bytes:
    """A PDF with one page per FlateDecode content stream."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pages = []
    for stream in streams:
        number = len(objects) + 1
        pages.append(b"%d 0 R" % number)
        resources = b"/Resources << /Font << /F1 3 0 R >> >>"
        objects.append(b"<< /Type /Page /Parent 2 0 R %s /Contents %d 0 R >>" % (resources, number + 1))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(pages), len(pages))
    output, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)
