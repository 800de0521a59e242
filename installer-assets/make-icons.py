#!/usr/bin/env python3
"""Draws Berth's icon (containers resting on a quay, on a blue tile) without any imaging library and writes
linux/berth.png (256 px), windows/berth.ico and macos/berth.icns (PNG-in-ICO / PNG-in-ICNS). Run it again after
changing the drawing; the outputs are committed so a build needs no Python."""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def draw(size):
    s = size / 256.0
    bg, quay, water = (28, 78, 140), (236, 240, 245), (86, 160, 220)
    boxes = [((60, 92, 124, 140), (240, 160, 60)), ((132, 92, 196, 140), (230, 90, 80)),
             ((96, 44, 160, 92), (120, 200, 120))]
    px = []
    r = 48 * s
    for y in range(size):
        row = []
        for x in range(size):
            # rounded tile
            cx = min(max(x + 0.5, r), size - r)
            cy = min(max(y + 0.5, r), size - r)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r
            if not inside:
                row.append((0, 0, 0, 0))
                continue
            c = bg
            X, Y = x / s, y / s
            if 150 <= Y < 170 and 36 <= X < 220:
                c = quay
            elif Y >= 184 and (int((X + (Y // 14) * 9) / 18) % 2 == 0) and Y < 224 and 36 <= X < 220:
                c = water
            for (x0, y0, x1, y1), col in boxes:
                if x0 <= X < x1 and y0 <= Y < y1:
                    edge = X < x0 + 4 or X >= x1 - 4 or Y < y0 + 4 or Y >= y1 - 4
                    ridge = int(X - x0) % 12 < 3
                    c = tuple(int(v * 0.75) for v in col) if edge or ridge else col
            row.append(c + (255,))
        px.append(row)
    return px


def png(px):
    h, w = len(px), len(px[0])
    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in px)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(pngs):
    out = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    body = b""
    for size, data in pngs:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def icns(pngs):
    kinds = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08"}
    body = b"".join(kinds[size] + struct.pack(">I", len(data) + 8) + data for size, data in pngs)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


if __name__ == "__main__":
    pngs = [(n, png(draw(n))) for n in (32, 64, 128, 256)]
    with open(os.path.join(HERE, "linux", "Berth.png"), "wb") as f:
        f.write(pngs[-1][1])
    with open(os.path.join(HERE, "windows", "berth.ico"), "wb") as f:
        f.write(ico(pngs))
    with open(os.path.join(HERE, "macos", "berth.icns"), "wb") as f:
        f.write(icns(pngs))
