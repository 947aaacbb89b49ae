"""Write the small seed corpora of the fuzz targets into ``fuzz/corpus/<target>/``.

    .venv/bin/python fuzz/make_corpus.py

Deterministic, no binary committed by hand: every seed is built here (a few hundred
bytes to a few KB each). ``docx`` seeds are either whole .docx zips or bare
``word/document.xml`` bodies (the harness wraps those in a minimal package).
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from harnesses import SECRET_PATH, docx_package  # noqa: E402

from builders.bad_files import text_pdf  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PLAN = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN TÂN LẬP | Độc lập - Tự do - Hạnh phúc
Số: 210/KH-UBND | Tân Lập, ngày 02 tháng 7 năm 2024

KẾ HOẠCH
Thực hiện Nghị quyết số 42-NQ/TW giai đoạn 2024 - 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Cụ thể hóa các chỉ tiêu của tỉnh.
II. MỤC TIÊU, CHỈ TIÊU
1. Chỉ tiêu cụ thể đến năm 2030
a) Tỷ lệ lao động qua đào tạo phấn đấu đạt 68%.
b) Tỷ lệ hộ nghèo giảm bình quân 1 - 1,5%/năm.
+ Tỷ lệ thất nghiệp dưới 3% đến năm 2030.
• Giải quyết việc làm mới cho 1.500 lao động.
III. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Sở Y tế triển khai; hằng năm.
2. Ủy ban nhân dân các huyện hoàn thành trước Quý IV/2025.

Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""

TEXT_SEEDS = {
    "plan.txt": PLAN,
    "targets.txt": "\n".join(line for line in PLAN.splitlines() if "%" in line or "năm" in line),
    "table.txt": "STT | Chỉ tiêu | Đơn vị | 2025 | 2030\n1 | Tỷ lệ hộ nghèo | % | 3 | 1,5\n",
    "nfd-tabs.txt": unicodedata.normalize(
        "NFD", "I.\tMỤC TIÊU\n\t- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% vào năm 2030.\n"
    ),
    "english.txt": "PLAN\n\nI. GOALS\n- Unemployment below 3% by 2030.\n",
    "empty.txt": "",
}


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def document_xml(lines: list[str], doctype: str = "") -> bytes:
    body = "".join(f"<w:p>{_run(line, line.isupper())}</w:p>" for line in lines)
    table = (
        "<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>".format(
            _run("Tỷ lệ hộ nghèo"), _run("dưới 1,5%")
        )
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}{table}</w:body></w:document>'
    )
    return xml.encode("utf-8")


def docx_seeds() -> dict[str, bytes]:
    lines = [line for line in PLAN.splitlines() if line.strip()][:14]
    xxe = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{SECRET_PATH}">]>'
    laughs = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    return {
        "plan.docx": docx_package(document_xml(lines)),
        "plan-document.xml": document_xml(lines),
        "xxe-document.xml": document_xml(["KẾ HOẠCH", "&xxe;", "- Tỷ lệ đạt 50%."], xxe),
        "laughs-document.xml": document_xml(["KẾ HOẠCH", "&c;"], laughs),
        "empty-body-document.xml": document_xml([]),
    }


def pdf_seeds() -> dict[str, bytes]:
    ascii_plan = [
        "KE HOACH",
        "I. MUC TIEU",
        "1. Ty le lao dong qua dao tao dat 68% den nam 2030.",
        "- Ty le that nghiep duoi 3%.",
        "II. TO CHUC THUC HIEN",
        "Noi nhan:",
        "- Luu: VT.",
    ]
    return {
        "plan.pdf": text_pdf(ascii_plan),
        "two-pages.pdf": text_pdf(ascii_plan[:4], pages=2),
        "no-text.pdf": text_pdf([]),
    }


def main() -> None:
    seeds = {
        "text": {name: text.encode("utf-8") for name, text in TEXT_SEEDS.items()},
        "docx": docx_seeds(),
        "pdf": pdf_seeds(),
    }
    for target, files in seeds.items():
        folder = HERE / "corpus" / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds, {sum(map(len, files.values()))} bytes")


if __name__ == "__main__":
    main()
