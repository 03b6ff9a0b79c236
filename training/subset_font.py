"""Builds assets/fonts/NotoSansCJK-Subset.otf: Noto Sans CJK SC (OFL 1.1, Debian's fonts-noto-cjk) cut down to the
characters the heatmap can meet: every character of the lessons, quizzes and UI in Simplified, Taiwan and Hong Kong
Traditional (training/build/font-text.txt, written by training/export-font-text.ts), printable ASCII and Latin-1,
general punctuation, arrows, and the common characters students type: the 3,755 hanzi of GB 2312 level 1 (China's
common list) and the 5,401 of Big5's frequently used block (Taiwan's common list). The heatmap draws glyph outlines
from this file, so Chinese renders with no system CJK font.
Needs Debian's fonts-noto-cjk and python3-fonttools (apt-get install -y fonts-noto-cjk python3-fonttools).
Usage: /usr/bin/python3 training/subset_font.py training/build/font-text.txt assets/fonts
"""
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
OUT_NAME = "NotoSansCJK-Subset.otf"


def decoded(codec, his, los):
    chars = set()
    for hi in his:
        for lo in los:
            try:
                chars.add(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                pass  # unassigned code points (the end of GB 2312's row 0xD7, of Big5's 0xC67E)
    return chars


def gb2312_level1():
    """China's common hanzi: GB 2312 level 1, rows 16-55 (bytes 0xB0A1-0xD7F9), 3,755 characters."""
    return decoded("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))


def big5_common():
    """Taiwan's common characters: Big5's frequently used block 0xA440-0xC67E, 5,401 characters."""
    chars = decoded("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return {c for c in chars if c.encode("big5") <= b"\xc6\x7e"}


def wanted(corpus_path):
    text = open(corpus_path, encoding="utf-8").read()
    chars = {c for c in text if c.isprintable()}
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2010, 0x2070)} | {chr(c) for c in range(0x2190, 0x21A0)}
    chars |= {chr(c) for c in range(0x3000, 0x3020)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    chars |= {chr(c) for c in range(0x2400, 0x2427)} | {"\u23ce"}  # control pictures (␣, ␉) and ⏎ for labels
    return chars | gb2312_level1() | big5_common()


def main(corpus_path, out_dir):
    font = TTCollection(TTC).fonts[2]  # index 2 of the collection is Noto Sans CJK SC
    assert "SC" in font["name"].getDebugName(4)
    chars = wanted(corpus_path)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # Only what opentype.js applies when it draws a horizontal label; the vertical, width and regional (locl) forms
    # would double the file.
    options.layout_features = ["ccmp", "liga", "rlig", "kern"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    os.makedirs(out_dir, exist_ok=True)
    font.save(os.path.join(out_dir, OUT_NAME))
    # The stand-alone "License: SIL-1.1" paragraph of Debian's copyright file, up to the next paragraph.
    paragraph = open(COPYRIGHT, encoding="utf-8").read().split("\nLicense: SIL-1.1\n")[-1]
    license_text = paragraph.split("\n\n")[0]
    notice = font["name"].getDebugName(0)
    version = font["name"].getDebugName(5).split(";")[0].replace("Version ", "")
    with open(os.path.join(out_dir, "OFL.txt"), "w", encoding="utf-8") as f:
        f.write(f"{OUT_NAME}: a subset of Noto Sans CJK SC {version} (Debian fonts-noto-cjk).\n{notice}\n\n")
        # Debian's copyright file indents the license text by one space and marks blank lines with " .".
        f.write(re.sub(r"^ \.?", "", license_text, flags=re.M) + "\n")
    print(f"{OUT_NAME}: {len(chars)} characters wanted, {len(font.getGlyphOrder())} glyphs, "
          f"{os.path.getsize(os.path.join(out_dir, OUT_NAME))} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
