"""Writes one labelled day of the CLICK-ID crawl (kompas, okezone, sindonews and tempo on 16, 17
or 20 September 2019) as a store of pages, with the labels of `events-DAY.tsv` beside it, for
`kabar bench stories`:

    mkdir /tmp/click
    for o in kompas okezone sindonews tempo; do
        git -C CLICK-ID show HEAD:raw_articles/xlsx/$o.xlsx > /tmp/click/$o.xlsx
    done
    python3 Tests/StoryDevSet/write_clickid_store.py /tmp/click /tmp/sep16 2019-09-16
    kabar bench stories /tmp/sep16/store --events /tmp/sep16/events-dev.tsv

CLICK-ID (github.com/andikawilliam/CLICK-ID) keeps each outlet's articles in a workbook whose
first sheet has `title, source, date, time, category, sub-category, content, url`. Its scraper
dropped the words that were links and joined paragraphs with commas; this script puts a
paragraph break back where a comma follows the end of a sentence, and mends text that was
decoded as Mac Roman.

Each article becomes `store/<outlet>/<last part of its address>.txt`: its title, the day and time
of publication as the outlets print them, and its text. Beside the store, label files as
`write_store.py` writes them (`file<TAB>event`): `events-dev.tsv` and `events-test.tsv` with the
fine events, `stories-dev.tsv` and `stories-test.tsv` with the stories; the test files hold the
label sets named in TEST_SETS."""

import datetime
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from write_store import StoreWriter  # noqa: E402

OUTLETS = ["kompas", "okezone", "sindonews", "tempo"]
# The labelled days, each with the label sets kept for testing.
TEST_SETS = {"2019-09-16": {"7", "8"}, "2019-09-17": {"7", "8"}, "2019-09-20": {"7", "8"}}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def rows(path):
    """The first sheet's rows as dictionaries by the header row's names."""
    book = zipfile.ZipFile(path)
    strings = ["".join(t.text or "" for t in item.iter(MAIN + "t"))
               for item in ET.fromstring(book.read("xl/sharedStrings.xml")).findall(MAIN + "si")]
    table = []
    for row in ET.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(MAIN + "row"):
        cells = {}
        for cell in row.findall(MAIN + "c"):
            column = re.match(r"[A-Z]+", cell.get("r")).group()
            value = cell.find(MAIN + "v")
            text = value.text if value is not None else ""
            cells[column] = strings[int(text)] if cell.get("t") == "s" and value is not None else text
        table.append(cells)
    header = table[0]
    return [{header[k]: v for k, v in cells.items() if k in header} for cells in table[1:]]


def mend(text):
    if "¬" in text or "‚Ä" in text or "Ã" in text:
        try:
            return text.encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text.replace("¬†", " ")
    return text


def day_and_minute(row):
    """The day (ISO) and HH:MM of a row: dates are spreadsheet day numbers or dd/mm/yyyy, times
    HH:MM (WIB) or fractions of a day."""
    date = row.get("date", "")
    match = re.match(r"(\d\d)/(\d\d)/(\d{4})$", date)
    if match:
        date = f"{match[3]}-{match[2]}-{match[1]}"
    else:
        try:
            date = (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(date)))).isoformat()
        except ValueError:
            pass
    time = row.get("time", "").replace(" WIB", "").strip()
    try:
        minutes = round(float(time) * 1440)
        time = f"{minutes // 60:02d}:{minutes % 60:02d}"
    except ValueError:
        pass
    return date, time if re.match(r"\d\d:\d\d$", time) else "12:00"


def body(content):
    text = mend(content).replace("\xa0", " ")
    text = re.sub(r"^[\s,\-–]+", "", text)
    text = re.sub(r'(?<=[.!?"”])\s*,(?=\s*[A-Z“"])', "\n", text)
    text = re.sub(r",{2,}", "\n", text)
    text = re.sub(r"\n\s*,\s*", "\n", text)
    return "\n".join(p.strip(" ,") for p in text.split("\n") if p.strip(" ,"))


def main(source, out, day):
    writer = StoreWriter(out, f"events-{day}.tsv", TEST_SETS[day])
    seen = set()
    for outlet in OUTLETS:
        for row in rows(os.path.join(source, f"{outlet}.xlsx")):
            date, minute = day_and_minute(row)
            url = row.get("url", "")
            if date != day or not url or url in seen:
                continue
            seen.add(url)
            when = datetime.datetime.fromisoformat(f"{date}T{minute}")
            writer.page(outlet, url, mend(row.get("title", "")).strip(), when, body(row.get("content", "")))
    writer.finish(source)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[3] not in TEST_SETS:
        sys.exit(f"usage: write_clickid_store.py FOLDER_OF_XLSX OUT DAY (one of {', '.join(TEST_SETS)})")
    main(sys.argv[1], sys.argv[2], sys.argv[3])
