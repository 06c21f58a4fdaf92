"""Camera-like video frames with a QR pass in them, for the camera tests and the bench.

``pass_frame`` draws a pass (a white card with the QR code, made the way the central store makes
it: error correction M, alphanumeric mode) onto a 1280x720 scene with a gradient and sensor
noise, and can rotate it, shrink it, blur the whole picture or hide part of the code under a
thumb. ``product_barcode_frame`` shows an EAN-13 instead. Frames are ``QImage``s; a
``QVideoFrame`` made from one goes through a ``QVideoSink`` like a camera's frame.
"""

from __future__ import annotations

import qrcode
import qrcode.constants
import qrcode.util
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtGui import QImage

FRAME_SIZE = (1280, 720)


def qr_picture(text: str, *, box: int = 8, alphanumeric: bool = True) -> Image.Image:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    mode = qrcode.util.MODE_ALPHA_NUM if alphanumeric else qrcode.util.MODE_8BIT_BYTE
    qr.add_data(qrcode.util.QRData(text.encode(), mode=mode))
    qr.make(fit=True)
    return qr.make_image().get_image().convert("RGB")


def _scene(seed: int = 7) -> Image.Image:
    width, height = FRAME_SIZE
    gradient = Image.linear_gradient("L").resize((width, height)).rotate(35, expand=False)
    warm = Image.merge(
        "RGB",
        (
            gradient.point(lambda v: 90 + v // 3),
            gradient.point(lambda v: 80 + v // 4),
            gradient.point(lambda v: 70 + v // 5),
        ),
    )
    noise = Image.effect_noise((width, height), 24 + seed % 5).convert("RGB")
    return Image.blend(warm, noise, 0.12)


def compose(
    code: Image.Image,
    *,
    size: int = 380,
    angle: float = 0.0,
    blur: float = 0.0,
    hide: float = 0.0,
    centre: tuple[int, int] = (640, 360),
) -> QImage:
    """``code`` on a white card ``size`` px wide, turned ``angle`` degrees, in a 1280x720 frame;
    ``hide`` covers that fraction of the code's width with a thumb; ``blur`` is the radius of a
    Gaussian blur over the whole frame (a camera out of focus or a shaking hand)."""
    frame = _scene()
    card = Image.new("RGB", (int(size * 1.15), int(size * 1.15)), "white")
    code = code.resize((size, size), Image.Resampling.NEAREST)
    if hide:
        thumb = ImageDraw.Draw(code)
        # From the right edge, through the middle: clear of the three finder patterns' centres.
        thumb.rounded_rectangle(
            (size * (1 - hide), size * 0.42, size * 1.1, size * 0.62),
            radius=size * 0.08,
            fill=(196, 150, 122),
        )
    offset = (card.width - size) // 2
    card.paste(code, (offset, offset))
    mask = Image.new("L", card.size, 255)
    if angle:
        card = card.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
        mask = mask.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
    frame.paste(card, (centre[0] - card.width // 2, centre[1] - card.height // 2), mask)
    if blur:
        frame = frame.filter(ImageFilter.GaussianBlur(blur))
    return to_qimage(frame)


def pass_frame(token: str, **kwargs: float) -> QImage:
    return compose(qr_picture(token), **kwargs)  # type: ignore[arg-type]


def text_frame(text: str, **kwargs: float) -> QImage:
    """A QR code holding any text (a URL, say), in byte mode like most QR generators."""
    return compose(qr_picture(text, alphanumeric=False), **kwargs)  # type: ignore[arg-type]


def product_barcode_frame(digits: str = "7038010009457") -> QImage:
    """An EAN-13 product barcode (what a milk carton carries) held up to the camera."""
    barcode = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    grey = memoryview(zxingcpp.write_barcode_to_image(barcode, scale=2))
    height, width = grey.shape
    picture = Image.frombytes("L", (width, height), grey.tobytes()).convert("RGB")
    frame = _scene()
    picture = picture.resize((picture.width * 4, picture.height * 4), Image.Resampling.NEAREST)
    card = Image.new("RGB", (picture.width + 80, picture.height + 80), "white")
    card.paste(picture, (40, 40))
    frame.paste(card, (640 - card.width // 2, 360 - card.height // 2))
    return to_qimage(frame)


def empty_frame() -> QImage:
    return to_qimage(_scene())


def to_qimage(picture: Image.Image) -> QImage:
    rgbx = picture.convert("RGBX")
    return QImage(
        rgbx.tobytes(), rgbx.width, rgbx.height, rgbx.width * 4, QImage.Format.Format_RGBX8888
    ).copy()
