"""``regionlab-kiosk --set-staff-pin``: the PIN from stdin, only its hash in the settings file."""

from __future__ import annotations

import io
import json
from pathlib import Path

from kiosk import staff_pin_setting
from kiosk.pin import verify_pin
from kiosk.settings import load_settings


def test_the_pin_is_read_from_stdin_and_only_its_hash_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "settings.json").write_text('{"language": "nn"}', encoding="utf-8")
    err = io.StringIO()
    code = staff_pin_setting.main(
        ["--set-staff-pin", "--data-dir", str(data)], stdin=io.StringIO("482913\n"), stderr=err
    )
    assert code == 0, err.getvalue()
    saved = json.loads((data / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "nn"  # what else the file holds stays
    assert "482913" not in json.dumps(saved)
    assert verify_pin("482913", saved["staff_pin_hash"])
    assert (data / "settings.json").stat().st_mode & 0o077 == 0
    loaded = load_settings(["--data-dir", str(data)], environ={})
    assert verify_pin("482913", loaded.staff_pin_hash)
    assert loaded.settings_file == data / "settings.json"


def test_a_pin_that_is_not_four_to_six_digits_changes_nothing(tmp_path: Path) -> None:
    for bad in ("12", "1234567", "12ab", "", "１２３４"):
        err = io.StringIO()
        code = staff_pin_setting.main(
            ["--set-staff-pin", "--data-dir", str(tmp_path)], stdin=io.StringIO(bad), stderr=err
        )
        assert code == 2 and "4 to 6 digits" in err.getvalue()
    assert not (tmp_path / "settings.json").exists()
