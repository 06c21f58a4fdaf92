"""Draw the demo floor plans of RegionLab Lister and their desk lists (resources/floorplans/).

Run from the repository root: ``python scripts/draw_floorplans.py``. The outputs are checked
in; this script is how they were made and how to change them. The plans are drawn to be read on
the kiosk rather than to scale: a desk is 96 by 48 plan units and the ground floor 1200 by 800,
so that when the whole floor fits a 1280 by 800 screen every desk label is at least 14 px high.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "floorplans"
DESK_W, DESK_H = 96, 48

WALL = "#3d3d3d"
INNER = "#6b6b6b"
FLOOR = "#faf8f4"
TEXT = "#4a4a4a"


def _desk(label, x, y, zone, equipment, mode="drop_in", rotation=0, active=True):
    return {
        "label": label,
        "x": x,
        "y": y,
        "width": DESK_W,
        "height": DESK_H,
        "rotation": rotation,
        "zone": zone,
        "equipment": ";".join(equipment),
        "mode": mode,
        "active": active,
    }


def _bench(labels, x, y, zone, equipment_for, mode_for, columns=2):
    """Desks in a block of two rows facing each other, ``columns`` desks side by side."""
    return [
        _desk(
            label,
            x + (i % columns) * DESK_W,
            y + (i // columns) * DESK_H,
            zone,
            equipment_for(label),
            mode_for(label),
        )
        for i, label in enumerate(labels)
    ]


def _text(x, y, text, size=18, weight="normal", anchor="middle", fill=TEXT):
    return (
        f'<text x="{x}" y="{y}" font-family="DejaVu Sans, sans-serif" font-size="{size}" '
        f'font-weight="{weight}" text-anchor="{anchor}" fill="{fill}">{text}</text>'
    )


def _chairs_around_table(x, y, w, h, step=40):
    out = []
    for cx in range(x + 20, x + w - 10, step):
        out.append(f'<circle cx="{cx}" cy="{y - 12}" r="9" fill="#d9d4ca"/>')
        out.append(f'<circle cx="{cx}" cy="{y + h + 12}" r="9" fill="#d9d4ca"/>')
    return out


def _plant(x, y):
    return f'<circle cx="{x}" cy="{y}" r="13" fill="#b7d3a8" stroke="#7fa56d" stroke-width="2"/>'


def ground_floor():
    equipment = {}
    for n in range(1, 17):
        kit = ["screen"]
        if 5 <= n <= 8:
            kit.append("standing")
        if n >= 13:
            kit.append("step_free")
        equipment[f"A-{n:02d}"] = kit
    for n in range(1, 15):
        kit = ["screen", "docking"] if n % 2 else ["screen"]
        if n >= 11:
            kit.append("step_free")
        equipment[f"B-{n:02d}"] = kit
    modes = {f"A-{n:02d}": "bookable" for n in range(1, 5)}
    modes |= {f"B-{n:02d}": "bookable" for n in range(1, 7)}
    modes |= {"B-10": "fixed", "B-11": "fixed", "B-12": "bookable", "B-13": "bookable"}

    def mode_of(label: str) -> str:
        return modes.get(label, "drop_in")

    desks = []
    # Sone A: two benches of eight; Sone B: a bench of eight and one of six.
    a = [f"A-{n:02d}" for n in range(1, 17)]
    for i, y in enumerate((130, 330)):
        desks += _bench(a[i * 8 : i * 8 + 8], 58, y, "Sone A", equipment.get, mode_of, 4)
    b = [f"B-{n:02d}" for n in range(1, 15)]
    desks += _bench(b[:8], 523, 130, "Sone B", equipment.get, mode_of, 4)
    desks += _bench(b[8:], 571, 330, "Sone B", equipment.get, mode_of, 3)
    # The quiet zone: single desks in a row along the windows.
    for n in range(1, 11):
        desks.append(
            _desk(
                f"S-{n:02d}",
                1017,
                100 + (n - 1) * 64,
                "Stillesone",
                ["quiet", "screen"] if n % 3 else ["quiet"],
                active=n != 10,
            )
        )

    svg = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 800" width="1200" height="800">',
        "<title>RegionLab Lister, 1. etasje</title>",
        '<rect x="0" y="0" width="1200" height="800" fill="#eceae4"/>',
        f'<rect x="10" y="10" width="1180" height="780" fill="{FLOOR}"/>',
        # zone floors
        '<rect x="30" y="30" width="440" height="490" fill="#f1f5fa"/>',
        '<rect x="490" y="30" width="450" height="490" fill="#f5f2fa"/>',
        '<rect x="960" y="30" width="210" height="740" fill="#eef6ef"/>',
        _text(250, 80, "Sone A", 26, "bold"),
        _text(715, 80, "Sone B", 26, "bold"),
        _text(1065, 70, "Stillesone", 22, "bold"),
        _text(1065, 762, "Snakk lavt", 16, anchor="middle"),
        # inner walls: glass to the quiet zone, solid to the rooms below (door gaps)
        '<line x1="950" y1="20" x2="950" y2="780" stroke="#8fb3c9" stroke-width="6"/>',
        f'<line x1="950" y1="250" x2="950" y2="310" stroke="{FLOOR}" stroke-width="8"/>',
        f'<path d="M20 530 H120 M200 530 H400 M480 530 H660 M740 530 H947" '
        f'stroke="{INNER}" stroke-width="8" fill="none"/>',
        f'<path d="M210 530 V780 M565 530 V780 M805 530 V780" stroke="{INNER}" '
        f'stroke-width="8" fill="none"/>',
        # door swings
        '<path d="M120 530 A80 80 0 0 1 200 610" stroke="#a0a0a0" stroke-width="2" fill="none"/>',
        '<path d="M660 530 A80 80 0 0 0 740 610" stroke="#a0a0a0" stroke-width="2" fill="none"/>',
        # rooms (the importer reads data-room)
        '<rect data-room="Inngang" data-kind="entrance" x="20" y="540" width="185" '
        'height="240" fill="#f3efe6"/>',
        '<rect data-room="Lunsj" data-kind="lunch" x="215" y="540" width="345" height="240" '
        'fill="#fbf3e4"/>',
        '<rect data-room="Møterom Lista" data-kind="meeting" x="570" y="540" width="230" '
        'height="240" fill="#f3eefa"/>',
        '<rect data-room="Kopirom og WC" data-kind="service" x="810" y="540" width="135" '
        'height="240" fill="#eeeeee"/>',
        _text(112, 600, "Inngang", 22, "bold"),
        '<rect x="60" y="690" width="100" height="60" fill="#d8d0c0" rx="4"/>',
        '<path d="M110 775 V715 M95 730 L110 712 L125 730" stroke="#4a4a4a" stroke-width="4" '
        'fill="none"/>',
        _text(387, 580, "Lunsj", 22, "bold"),
        '<rect x="230" y="740" width="315" height="30" fill="#d9cfbf"/>',
        _text(387, 761, "Kjøkken", 14),
    ]
    for cx, cy in ((290, 655), (387, 655), (484, 655)):
        svg.append(f'<circle cx="{cx}" cy="{cy}" r="30" fill="#e6dccb" stroke="#bfb29c"/>')
        for dx, dy in ((0, -42), (0, 42)):
            svg.append(f'<circle cx="{cx + dx}" cy="{cy + dy}" r="8" fill="#d9d4ca"/>')
    svg += [
        _text(685, 580, "Møterom Lista", 20, "bold"),
        '<rect x="600" y="630" width="170" height="70" fill="#ddd5ea" rx="8"/>',
        *_chairs_around_table(600, 630, 170, 70),
        '<rect x="600" y="750" width="170" height="8" fill="#555"/>',
        _text(877, 580, "Kopi / WC", 18, "bold"),
        '<rect x="822" y="605" width="60" height="45" fill="#d0d0d0"/>',
        _text(852, 632, "Kopi", 12),
        '<rect x="888" y="620" width="50" height="150" fill="#e2e2e2" stroke="#bbb"/>',
        _text(913, 700, "WC", 14),
        _plant(45, 45),
        _plant(455, 45),
        _plant(505, 505),
        _plant(925, 45),
        # outer walls, windows, the front door
        f'<rect x="10" y="10" width="1180" height="780" fill="none" stroke="{WALL}" '
        f'stroke-width="20"/>',
    ]
    for x in range(60, 1160, 140):
        svg.append(
            f'<line x1="{x}" y1="10" x2="{x + 90}" y2="10" stroke="#bfe0f2" stroke-width="8"/>'
        )
    for y in range(60, 520, 120):
        svg.append(
            f'<line x1="10" y1="{y}" x2="10" y2="{y + 80}" stroke="#bfe0f2" stroke-width="8"/>'
        )
    for y in range(60, 760, 120):
        svg.append(
            f'<line x1="1190" y1="{y}" x2="1190" y2="{y + 80}" stroke="#bfe0f2" stroke-width="8"/>'
        )
    svg.append(f'<line x1="70" y1="790" x2="150" y2="790" stroke="{FLOOR}" stroke-width="22"/>')
    svg.append(_text(1180, 30, "N ↑", 16, "bold", anchor="end"))
    svg.append("</svg>")
    return "\n".join(svg) + "\n", desks


def second_floor():
    desks = []
    kit = {f"C-{n:02d}": ["screen", "standing"] if n <= 2 else ["screen"] for n in range(1, 7)}
    desks += _bench(
        ["C-01", "C-02", "C-03", "C-04"], 60, 130, "Sone C", kit.get, lambda _label: "drop_in"
    )
    desks += _bench(["C-05", "C-06"], 272, 130, "Sone C", kit.get, lambda _label: "bookable", 1)
    svg = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600" width="800" height="600">',
        "<title>RegionLab Lister, 2. etasje</title>",
        '<rect x="0" y="0" width="800" height="600" fill="#eceae4"/>',
        f'<rect x="10" y="10" width="780" height="580" fill="{FLOOR}"/>',
        '<rect x="30" y="30" width="440" height="300" fill="#f7f4ec"/>',
        _text(250, 80, "Sone C", 26, "bold"),
        f'<path d="M20 350 H140 M220 350 H480 M480 20 V250 M480 320 V580" stroke="{INNER}" '
        f'stroke-width="8" fill="none"/>',
        '<rect data-room="Storstua" data-kind="meeting" x="490" y="20" width="290" '
        'height="560" fill="#f3eefa"/>',
        _text(635, 90, "Storstua", 22, "bold"),
        '<rect x="560" y="160" width="150" height="300" fill="#ddd5ea" rx="10"/>',
        '<rect data-room="Prosjektrom" data-kind="meeting" x="20" y="360" width="300" '
        'height="220" fill="#eef3f8"/>',
        _text(170, 410, "Prosjektrom", 20, "bold"),
        '<rect x="90" y="460" width="160" height="60" fill="#d5dfe9" rx="6"/>',
        '<rect data-room="Trapp og heis" data-kind="stairs" x="330" y="360" width="140" '
        'height="220" fill="#e6e6e6"/>',
        _text(400, 470, "Trapp / heis", 16),
        _plant(45, 45),
        _plant(455, 45),
        f'<rect x="10" y="10" width="780" height="580" fill="none" stroke="{WALL}" '
        f'stroke-width="20"/>',
        "</svg>",
    ]
    return "\n".join(svg) + "\n", desks


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (svg, desks) in (
        ("lister-1-etasje", ground_floor()),
        ("lister-2-etasje", second_floor()),
    ):
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
        (OUT / f"{name}-desks.json").write_text(
            json.dumps(desks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{name}: {len(desks)} desks")


if __name__ == "__main__":
    main()
