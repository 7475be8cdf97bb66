import Foundation
import KabarTestSupport
import Testing

@Suite("Timeline and export in kabar under tmux", .enabled(if: TmuxSession.isAvailable, "needs tmux"), .serialized)
struct ResearchReaderEndToEndTests {
    @Test("T draws the sample store's timeline; Enter on a day filters the list to it; c clears")
    func timeline() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("T")
        let (chart, drawn) = tmux.waitFor {
            $0.contains("Timeline of the list by day") && $0.contains("2024-06-25: 1 article")
        }
        #expect(drawn, "\(chart)")
        #expect(chart.contains("2 dated articles"))
        tmux.send("Home")
        #expect(tmux.waitFor { $0.contains("2024-06-20: 1 article") }.matched)
        tmux.send("Enter")
        let (filtered, narrowed) = tmux.waitFor {
            $0.contains("1 of 5 articles") && $0.contains("date 2024-06-20..2024-06-20")
        }
        #expect(narrowed, "\(filtered)")
        #expect(filtered.contains("radardetik.id"))
        tmux.send("c")
        #expect(tmux.waitFor { $0.contains("5 articles") && !$0.contains("filter:") }.matched)
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("W lists who is in the sample store; → the names in the same articles; Enter searches for one")
    func whoIsInTheNews() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("W")
        let (table, shown) = tmux.waitFor { $0.contains("Who is in the list") && $0.contains("Vladimir Putin") }
        #expect(shown, "\(table)")
        let row = try #require(table.split(separator: "\n").first { $0.contains("Vladimir Putin") })
        #expect(row.contains("person"))
        let rows = table.split(separator: "\n").map(String.init)
        let index = try #require(rows.firstIndex { $0.contains("Vladimir Putin") })
        let first = try #require(
            rows.firstIndex { $0.contains("│ place") || $0.contains("│ person") || $0.contains("│ organisation") })
        for _ in 0..<(index - first) { tmux.send("j") }
        tmux.send("Right")
        #expect(tmux.waitFor { $0.contains("Named with Vladimir Putin in the list") }.matched)
        tmux.send("Left")
        // The table is counted again; Enter once its rows are back.
        #expect(tmux.waitFor { $0.contains("Who is in the list") && $0.contains("Vladimir Putin") }.matched)
        tmux.send("Enter")
        let (results, searched) = tmux.waitFor { $0.contains("person:\"vladimir putin\"") && $0.contains("found") }
        #expect(searched, "\(results)")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("E exports the search results to a JSON-lines file in the folder kabar was started in")
    func export() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("putin", literal: true)
        #expect(tmux.waitFor { $0.contains("found") }.matched)
        tmux.send("Escape")
        tmux.send("E")
        let path = cache.url.appendingPathComponent("putin.jsonl").path
        let (screen, exported) = tmux.waitFor { $0.contains("Exported") && $0.contains("putin.jsonl") }
        #expect(exported, "\(screen)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let count = try #require(
            screen.split(separator: "\n").compactMap { line -> Int? in
                guard let range = line.range(of: "Exported ") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }.first)
        #expect(lines.count == count)
        #expect(count >= 3)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["body"] as? String)?.lowercased().contains("putin") == true)
        }
        quitExpectingSuccess(tmux, cache: cache)
    }
}

@Suite("Saved searches in kabar under tmux", .enabled(if: TmuxSession.isAvailable, "needs tmux"), .serialized)
struct SavedSearchesEndToEndTests {
    @Test("a search saved with S is listed with its count after quitting and opening again; kabar searches lists it")
    func savedAcrossSessions() throws {
        let cache = try TemporaryFolder()
        let first = try startSampleReader(cache: cache)
        defer { first.close() }
        first.send("/")
        first.send("putin", literal: true)
        #expect(first.waitFor { $0.contains("found") }.matched)
        first.send("Escape")
        first.send("S")
        #expect(first.waitFor { $0.contains("Save the search as:") }.matched)
        first.send("Putin watch", literal: true)
        first.send("Enter")
        let (saved, ok) = first.waitFor { $0.contains("Saved “Putin watch”") }
        #expect(ok, "\(saved)")
        quitExpectingSuccess(first, cache: cache)

        let second = try startSampleReader(cache: cache)
        defer { second.close() }
        second.send("L")
        let (listed, shown) = second.waitFor { screen in
            screen.contains("Saved searches (1)")
                && screen.split(separator: "\n").contains {
                    $0.contains("Putin watch") && $0.contains("putin") && $0.last(where: \.isNumber) != nil
                }
        }
        #expect(shown, "\(listed)")
        second.send("Enter")
        let (results, ran) = second.waitFor { $0.contains("“putin”") && $0.contains("found") }
        #expect(ran, "\(results)")
        // Its best hit opened: marked read, one unread fewer.
        second.send("Enter")
        #expect(second.waitFor { $0.contains("File    ") }.matched)
        // The query typed is in the history of the next session too: ↑ in the prompt recalls it.
        quitExpectingSuccess(second, cache: cache)

        let listing = try runKabar(
            ["searches"], home: cache, environment: ["XDG_STATE_HOME": cache.url.appendingPathComponent("state").path])
        #expect(listing.status == 0, "\(listing.errorOutput)")
        let fields = listing.output.split(separator: "\n").first?.split(
            separator: "\t", omittingEmptySubsequences: false)
        #expect(fields?.first == "Putin watch")
        #expect(fields.map { Int($0[1]) ?? 0 } ?? 0 >= 3)
        // Opening the search's best hit marked one of its articles read.
        #expect(fields.map { Int($0[2]) ?? 0 } == fields.map { (Int($0[1]) ?? 0) - 1 })
        #expect(fields?[3] == "0")
        #expect(fields?[4] == "putin")
    }

    @Test("queries typed are kept per store: after quitting, ↑ in the search prompt recalls them, Ctrl-R finds one")
    func historyAcrossSessions() throws {
        let cache = try TemporaryFolder()
        let first = try startSampleReader(cache: cache)
        defer { first.close() }
        for query in ["kirby", "korea utara"] {
            first.send("/")
            first.send(query, literal: true)
            #expect(first.waitFor { $0.contains("found") }.matched)
            first.send("Escape")
        }
        quitExpectingSuccess(first, cache: cache)
        let second = try startSampleReader(cache: cache)
        defer { second.close() }
        second.send("/")
        second.send("Up")
        second.send("Up")
        let (older, recalled) = second.waitFor { $0.contains("/ kirby") && $0.contains("found") }
        #expect(recalled, "\(older)")
        second.send("C-u")
        second.send("C-r")
        second.send("kor", literal: true)
        #expect(second.waitFor { $0.contains("→ korea utara") }.matched)
        second.send("Enter")
        let (found, ran) = second.waitFor { $0.contains("/ korea utara") && $0.contains("found") }
        #expect(ran, "\(found)")
        // The query recalled stays in the input for editing; Esc leaves it.
        second.send("Escape")
        quitExpectingSuccess(second, cache: cache)
    }
}

@Suite("Notes in kabar under tmux", .enabled(if: TmuxSession.isAvailable, "needs tmux"), .serialized)
struct NotesEndToEndTests {
    @Test("a damaged notes file is named with its line at start and left as it is; kabar notes refuses it")
    func damagedNotesFile() throws {
        let cache = try TemporaryFolder()
        // Where the reader keeps the sample store's notes: found from its reading marks' file.
        let first = try startSampleReader(cache: cache)
        first.send("x")
        #expect(first.waitFor { $0.contains("Marked read") }.matched)
        quitExpectingSuccess(first, cache: cache)
        first.close()
        let reading = cache.url.appendingPathComponent("state/kabar/reading")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: reading.path).first)
        let notes = cache.url.appendingPathComponent("state/kabar/notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let damaged = "# kabar notes 1\n001.txt\tpassage\tnote\ttitle\t2026-12-01T10:00\nnot a note\n"
        try damaged.write(to: notes.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let second = try startKabar(width: 160, cache: cache)
        defer { second.close() }
        let (screen, told) = second.waitFor { $0.contains("Cannot read the notes, line 3: expected a path") }
        #expect(told, "\(screen)")
        second.send("Enter")
        #expect(second.waitFor { $0.contains("File    001_1c96dbfa7ee8ac16.txt") }.matched)
        second.send("i")
        #expect(second.waitFor { $0.contains("Note on “") }.matched)
        second.send("x", literal: true)
        second.send("Enter")
        #expect(second.waitFor { $0.contains("Noted for this session only") }.matched)
        quitExpectingSuccess(second, cache: cache)
        #expect(try String(contentsOf: notes.appendingPathComponent(name), encoding: .utf8) == damaged)
        let listed = try runKabar(
            ["notes"], home: cache, environment: ["XDG_STATE_HOME": cache.url.appendingPathComponent("state").path])
        #expect(listed.status == 1)
        #expect(listed.errorOutput.contains("line 3"), "\(listed.errorOutput)")
    }

    @Test("a note made in the reader outlives rebuilding the index; kabar notes, search note: and export find it")
    func noteKeptAcrossRebuild() throws {
        let cache = try TemporaryFolder()
        let first = try startSampleReader(cache: cache)
        defer { first.close() }
        first.send("Enter")
        #expect(first.waitFor { $0.contains("File    001_1c96dbfa7ee8ac16.txt") }.matched)
        first.send("V")
        first.send("j")
        first.send("i")
        #expect(first.waitFor { $0.contains("Note on “") }.matched)
        first.send("cek sumber AP", literal: true)
        first.send("Enter")
        let (noted, kept) = first.waitFor { $0.contains("Note kept") }
        #expect(kept, "\(noted)")
        quitExpectingSuccess(first, cache: cache)

        // The index is thrown away and built again from the store.
        let indexes = cache.url.appendingPathComponent("kabar/indexes")
        #expect(FileManager.default.fileExists(atPath: indexes.path))
        try FileManager.default.removeItem(at: indexes)
        let second = try startSampleReader(cache: cache)
        defer { second.close() }
        second.send("'")
        let (listed, shown) = second.waitFor { $0.contains("1 note, newest first") && $0.contains("cek sumber AP") }
        #expect(shown, "\(listed)")
        #expect(!listed.contains("no longer in the article"))
        second.send("Enter")
        let (opened, atPassage) = second.waitFor { $0.contains("File    001_1c96dbfa7ee8ac16.txt") }
        #expect(atPassage, "\(opened)")
        quitExpectingSuccess(second, cache: cache)

        let state = ["XDG_STATE_HOME": cache.url.appendingPathComponent("state").path]
        let notes = try runKabar(["notes"], home: cache, environment: state)
        #expect(notes.status == 0, "\(notes.errorOutput)")
        let fields = try #require(notes.output.split(separator: "\n").first).split(
            separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 6)
        #expect(fields[1] == "001_1c96dbfa7ee8ac16.txt")
        #expect(fields[3].hasPrefix("GenPI.co - Dalam konfrontasi"))
        #expect(fields[4] == "cek sumber AP")
        #expect(fields[5] == "ok")
        let found = try runKabar(["search", "note:sumber"], home: cache, environment: state)
        #expect(found.output.hasSuffix("1 matching article\n"), "\(found.output)")
        #expect(found.output.contains("001_1c96dbfa7ee8ac16.txt"))
        let exported = try runKabar(["export", "note:sumber"], home: cache, environment: state)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any])
        let attached = try #require(object["notes"] as? [[String: Any]])
        #expect(attached.first?["text"] as? String == "cek sumber AP")
    }
}
