"""Writes the stories-dev crawl as a store of pages and these labels beside it, for
`kabar bench stories`:

    python3 Tests/StoryDevSet/write_store.py ../shared/data/stories-dev/articles.jsonl /tmp/day
    kabar bench stories /tmp/day/store --events /tmp/day/events-dev.tsv

Each article becomes `store/<outlet>/<last part of its address>.txt`: its title, the day and time
of publication as the outlets print them, and its text. Beside the store, four label files give
each labelled page's event (`file<TAB>event`, the file relative to the store): `events-dev.tsv`
and `events-test.tsv` with the fine events, `stories-dev.tsv` and `stories-test.tsv` with the
stories they were merged into (see README.md); the test files hold label sets 6 and 8."""

import datetime
import json
import os
import re
import sys

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]


OUTPUTS = ["events-dev.tsv", "events-test.tsv", "stories-dev.tsv", "stories-test.tsv"]
TEST_SETS = {"6", "8"}


def main(source, out):
    labels = {}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "events.tsv"), encoding="utf-8") as f:
        for line in f:
            url, event, story = line.rstrip("\n").split("\t")
            labels[url] = (event, story)
    seen, lines = set(), {name: [] for name in OUTPUTS}
    with open(source, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            outlet = article["outlet"]
            slug = re.sub(r"[^a-z0-9]+", "-", article["url"].rstrip("/").split("/")[-1].lower())[:80].strip("-")
            name, n = f"{outlet}/{slug or 'page'}.txt", 2
            while name in seen:
                name, n = f"{outlet}/{slug or 'page'}-{n}.txt", n + 1
            seen.add(name)
            when = datetime.datetime.fromisoformat(article["published"])
            date = (f"{DAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} "
                    f"{when.hour:02d}:{when.minute:02d} WIB")
            os.makedirs(os.path.join(out, "store", outlet), exist_ok=True)
            with open(os.path.join(out, "store", name), "w", encoding="utf-8") as page:
                page.write(f"{article['title']}\n\n{date}\n\n{article['body']}\n")
            if article["url"] in labels:
                event, story = labels.pop(article["url"])
                split = "test" if event.split(":")[0] in TEST_SETS else "dev"
                lines[f"events-{split}.tsv"].append(f"{name}\t{event}\n")
                lines[f"stories-{split}.tsv"].append(f"{name}\t{story}\n")
    for output, content in lines.items():
        with open(os.path.join(out, output), "w", encoding="utf-8") as f:
            f.writelines(content)
    if labels:
        sys.exit(f"{len(labels)} labelled addresses are not in {source}, e.g. {next(iter(labels))}")
    labelled = len(lines["events-dev.tsv"]) + len(lines["events-test.tsv"])
    print(f"{len(seen)} pages, {labelled} labelled, in {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: write_store.py ARTICLES.jsonl OUT")
    main(sys.argv[1], sys.argv[2])
