"""The tantivy side of `kabar bench search`: index the same store, run the same queries.

Run by `kabar bench search` where the tantivy Python binding is importable
(`pip install tantivy`). Reads the arguments as JSON on standard input:
{"store": PATH, "index": PATH, "runs": N, "queries": [[ROW, TEXT], ...]}
and prints one JSON object per line: {"row": "build", "seconds": S, "bytes": B},
then {"row": ROW, "median": S, "matches": N} for each query (top 50 with a snippet each,
best first), and {"row": "count", "median": S} for the match count of the first query (with its best hit).

Every file is indexed as it is (first line as title, the rest as body): no cleaning, no
entities, so the build does less than kabar's.
"""

import json
import os
import shutil
import statistics
import sys
import time

import tantivy


def text_files(root):
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".txt"):
                yield os.path.join(folder, name)


def build(store, path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True)
    builder.add_text_field("body", stored=True)
    builder.add_text_field("path", stored=True, index_option="basic")
    schema = builder.build()
    index = tantivy.Index(schema, path=path)
    writer = index.writer(heap_size=128_000_000)
    for file in text_files(store):
        with open(file, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        title, _, body = text.partition("\n")
        writer.add_document(tantivy.Document(title=title, body=body, path=file))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, schema


def query_for(index, schema, searcher, text):
    """The query text as tantivy's parser reads it; `word*` as every term with that prefix."""
    if text.endswith("*") and " " not in text:
        prefix = text[:-1].lower()
        terms = {term for field in ("title", "body") for term, _ in searcher.terms_with_prefix(field, prefix)}
        clauses = [
            (tantivy.Occur.Should, tantivy.Query.term_query(schema, field, term))
            for term in sorted(terms)
            for field in ("title", "body")
        ]
        return tantivy.Query.boolean_query(clauses)
    return index.parse_query(text, ["title", "body"])


def timed(runs, body):
    body()  # the first run, not counted
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main():
    arguments = json.load(sys.stdin)
    start = time.perf_counter()
    index, schema = build(arguments["store"], arguments["index"])
    seconds = time.perf_counter() - start
    size = sum(os.path.getsize(os.path.join(folder, name))
               for folder, _, names in os.walk(arguments["index"]) for name in names)
    print(json.dumps({"row": "build", "seconds": seconds, "bytes": size}), flush=True)
    searcher = index.searcher()
    runs = arguments["runs"]
    for row, text in arguments["queries"]:
        query = query_for(index, schema, searcher, text)
        found = {}

        def search():
            result = searcher.search(query, 50, count=True)
            snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
            for _, address in result.hits:
                snippets.snippet_from_doc(searcher.doc(address)).fragment()
            found["matches"] = result.count

        median = timed(runs, search)
        print(json.dumps({"row": row, "median": median, "matches": found["matches"]}), flush=True)
    first = query_for(index, schema, searcher, arguments["queries"][0][1])
    median = timed(runs, lambda: searcher.search(first, 1, count=True).count)
    print(json.dumps({"row": "count", "median": median}), flush=True)


if __name__ == "__main__":
    main()
