"""Pictures people upload — a region's logo, an expert's photo, a document's cover, a topic's image, a photo
attached to a consultation — are never stored as sent: each is checked with Pillow (its declared size before a
pixel is decoded, then its structure), turned the way the camera held it, optionally shrunk, and re-encoded.
Re-encoding drops what a picture carries besides its pixels: a phone's GPS position, hidden data, a script
appended to the file."""

import io
import warnings
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ruangrunding.filetypes import refuse_too_many_pixels

JPEG_QUALITY = 85


def reencode_image(data: bytes, *, max_side: int | None = None, kind: str | None = None) -> tuple[bytes, str]:
    """The picture in `data`, checked, upright, at most `max_side` pixels wide and high (when given) and
    re-encoded as `kind` ("jpg" or "png"); without a kind, PNG when it has transparency, otherwise JPEG.
    Returns the bytes and their kind. Anything Pillow cannot read safely is refused in Indonesian."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                refuse_too_many_pixels(probe.width, probe.height)
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                picture = ImageOps.exif_transpose(opened)
                if max_side:
                    picture.thumbnail((max_side, max_side))
                kind = kind or ("png" if picture.mode in ("RGBA", "LA", "P") else "jpg")
                output = io.BytesIO()
                if kind == "png":
                    picture.save(output, format="PNG", optimize=True)
                else:
                    picture.convert("RGB").save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Gambar ini terlalu besar ukurannya (piksel) untuk diproses.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Berkas ini rusak atau bukan gambar yang dapat dibaca (PNG, JPEG, GIF atau WebP).")
        ) from error
    return output.getvalue(), kind


def normalise_image(upload, *, max_side: int) -> ContentFile:
    """An uploaded picture as a PNG (if it has transparency) or JPEG at most `max_side` pixels wide and high."""
    upload.seek(0)
    data, kind = reencode_image(upload.read(), max_side=max_side)
    stem = Path(getattr(upload, "name", "gambar") or "gambar").stem[:50] or "gambar"
    return ContentFile(data, name=f"{stem}.{kind}")


def cleaned_image(value, *, max_side: int):
    """A form's `clean_<image field>`: a new upload comes back normalised (see normalise_image); the file
    already stored, or none, as it was.

        def clean_photo(self):
            return cleaned_image(self.cleaned_data.get("photo"), max_side=600)
    """
    if value and hasattr(value, "content_type"):  # a new upload, not the stored file
        return normalise_image(value, max_side=max_side)
    return value
