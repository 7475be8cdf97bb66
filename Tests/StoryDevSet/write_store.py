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


class StoreWriter:
    """Writes pages into `out/store` and, beside it, the labels (from `label_file` in this folder,
    `address<TAB>event<TAB>story` lines) of those written, split into dev and test by the label
    sets in `test_sets`."""

    def __init__(self, out, label_file, test_sets):
        self.out, self.test_sets = out, test_sets
        self.labels = {}
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), label_file), encoding="utf-8") as f:
            for line in f:
                url, event, story = line.rstrip("\n").split("\t")
                self.labels[url] = (event, story)
        self.names, self.lines = set(), {name: [] for name in OUTPUTS}

    def page(self, outlet, url, title, when, body):
        """Writes `store/<outlet>/<last part of the address>.txt`: the title, the day and time as
        the outlets print them, the text."""
        slug = re.sub(r"[^a-z0-9]+", "-", url.rstrip("/").split("/")[-1].lower())[:80].strip("-")
        name, n = f"{outlet}/{slug or 'page'}.txt", 2
        while name in self.names:
            name, n = f"{outlet}/{slug or 'page'}-{n}.txt", n + 1
        self.names.add(name)
        date = (f"{DAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} "
                f"{when.hour:02d}:{when.minute:02d} WIB")
        os.makedirs(os.path.join(self.out, "store", outlet), exist_ok=True)
        with open(os.path.join(self.out, "store", name), "w", encoding="utf-8") as page:
            page.write(f"{title}\n\n{date}\n\n{body}\n")
        if url in self.labels:
            event, story = self.labels.pop(url)
            split = "test" if event.split(":")[0] in self.test_sets else "dev"
            self.lines[f"events-{split}.tsv"].append(f"{name}\t{event}\n")
            self.lines[f"stories-{split}.tsv"].append(f"{name}\t{story}\n")

    def finish(self, source):
        """Writes the label files; exits with an error when a labelled address had no page."""
        for output, content in self.lines.items():
            with open(os.path.join(self.out, output), "w", encoding="utf-8") as f:
                f.writelines(content)
        if self.labels:
            sys.exit(f"{len(self.labels)} labelled addresses are not in {source}, e.g. {next(iter(self.labels))}")
        labelled = len(self.lines["events-dev.tsv"]) + len(self.lines["events-test.tsv"])
        print(f"{len(self.names)} pages, {labelled} labelled, in {self.out}")


def main(source, out):
    writer = StoreWriter(out, "events.tsv", {"6", "8"})
    with open(source, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            when = datetime.datetime.fromisoformat(article["published"])
            writer.page(article["outlet"], article["url"], article["title"], when, article["body"])
    writer.finish(source)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: write_store.py ARTICLES.jsonl OUT")
    main(sys.argv[1], sys.argv[2])
