"""QR codes read back from images in tests the way the kiosk's camera decoder reads them
(``ui.camera.decoder``): QR codes only, and only what decoded validly. Read with every format,
zxing now and then also "finds" a linear barcode in a QR code's modules, with some other text."""

from __future__ import annotations

from typing import Any

import zxingcpp

_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def qr_texts(image: Any) -> list[str]:
    """The texts of the QR codes in ``image`` (a PIL image), one per symbol found."""
    return [c.text for c in zxingcpp.read_barcodes(image, formats=_QR_ONLY) if c.valid and c.text]


def one_qr_text(image: Any) -> str:
    """The text of the one QR code in ``image``. zxing may find one symbol twice (from two
    triples of finder patterns): that is still one text."""
    [text] = set(qr_texts(image))
    return text
