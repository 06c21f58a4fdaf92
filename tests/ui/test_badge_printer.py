"""The badge as printed: label size, every text, a QR code that reads back; a failing printer
says so and raises nothing else."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from kiosk.badges import Badge
from tests.qr_codes import one_qr_text
from ui.badge_printer import BadgePrinter, BadgePrintError, parse_size

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed",
)

TOKEN = "RL1" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 5


def badge(name: str = "Åse-Marie O'Neill", organisation: str = "Statsbygg") -> Badge:
    return Badge(
        name=name,
        organisation=organisation,
        host="Kari N. · NAV",
        day=datetime(2026, 12, 1, 9, 5, tzinfo=UTC),
        token=TOKEN,
        pass_id="0123456789abcdef",
    )


def read_back(pdf: Path, tmp_path: Path) -> tuple[str, str, str]:
    """(pdfinfo's page size line, the text, the QR code's text)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    [size] = re.findall(r"Page size:\s*(.+)", info.stdout)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    code = one_qr_text(Image.open(tmp_path / "page.png").convert("L"))
    return size, text, code


@pytest.mark.parametrize(("size", "mm"), [("62x100", (62, 100)), ("54 × 90 mm", (54, 90))])
def test_badge_prints_on_the_label_size_with_every_text_and_its_code(
    qtbot: QtBot, tmp_path: Path, size: str, mm: tuple[int, int]
) -> None:
    del qtbot  # a QApplication for the fonts
    pdf = tmp_path / "badge.pdf"
    BadgePrinter(pdf_path=pdf, size_mm=size).print_badge(badge())
    page, text, code = read_back(pdf, tmp_path)
    width, height = (float(n) for n in re.findall(r"[\d.]+", page)[:2])
    # PDF pages are in points (1/72 inch); Qt rounds them to whole points.
    assert abs(width - mm[0] * 72 / 25.4) < 1 and abs(height - mm[1] * 72 / 25.4) < 1
    words = " ".join(text.split())  # a narrow label wraps the name
    for expected in ("GJEST", "Åse-Marie O'Neill", "Statsbygg", "Besøker: Kari N. · NAV"):
        assert expected in words
    assert "01.12.2026" in words
    assert code == TOKEN


def test_a_label_too_low_for_the_code_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot
    with pytest.raises(BadgePrintError, match="too small"):
        BadgePrinter(pdf_path=tmp_path / "b.pdf", size_mm="89x36").print_badge(badge())


def test_a_100_character_name_still_fits_with_a_readable_code(qtbot: QtBot, tmp_path: Path) -> None:
    del qtbot
    pdf = tmp_path / "badge.pdf"
    long_name = "Anne-Kristine " * 6 + "Haugland-Østerbø"
    BadgePrinter(pdf_path=pdf).print_badge(badge(long_name[:100], "Statsforvalteren i Agder"))
    _, text, code = read_back(pdf, tmp_path)
    assert "Haugland" in text.replace("\n", " ")
    assert code == TOKEN


def test_a_missing_printer_or_unwritable_file_raises_badge_print_error(
    qtbot: QtBot, tmp_path: Path
) -> None:
    del qtbot
    with pytest.raises(BadgePrintError, match="no printer named"):
        BadgePrinter(printer_name="Etikettskriver-i-kjelleren").print_badge(badge())
    with pytest.raises(BadgePrintError, match="no badge printer"):
        BadgePrinter().print_badge(badge())
    with pytest.raises(BadgePrintError):
        BadgePrinter(pdf_path=tmp_path / "no" / "such" / "dir" / "b.pdf").print_badge(badge())


@pytest.mark.parametrize("text", ["62", "62x", "axb", "5x5", "1000x62"])
def test_bad_label_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)
