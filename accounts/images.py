"""Uploaded images: verified with Pillow, shrunk, stripped of metadata and re-encoded."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ruangrunding.filetypes import refuse_too_many_pixels


def normalise_image(upload, *, max_side: int) -> ContentFile:
    """Return the upload as a PNG (if it has transparency) or JPEG at most `max_side` pixels wide and high."""
    try:
        with Image.open(upload) as probe:
            refuse_too_many_pixels(probe.width, probe.height)
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            has_alpha = image.mode in ("RGBA", "LA", "P")
            output = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(output, format="PNG", optimize=True)
            else:
                image.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
    except Image.DecompressionBombError:
        raise ValidationError(_("Gambar ini terlalu besar ukurannya (piksel) untuk diproses.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Berkas ini bukan gambar yang dapat dibaca (PNG, JPEG, GIF atau WebP).")) from error
    stem = Path(getattr(upload, "name", "gambar")).stem[:50] or "gambar"
    return ContentFile(output.getvalue(), name=f"{stem}.{'png' if has_alpha else 'jpg'}")
