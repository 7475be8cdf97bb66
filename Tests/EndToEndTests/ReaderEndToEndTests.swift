import Foundation
import KabarTestSupport
import SampleStore
import TerminalUI
import Testing

/// The built `kabar` executable, beside the test bundle in the products folder.
let kabarBinary: String = {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var folder = products
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("kabar").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return products.appendingPathComponent("kabar").path
}()

/// Starts kabar under tmux with its own cache folder; the pane prints `exit=N` when kabar ends.
func startKabar(
    _ arguments: String = "", term: String? = nil, width: Int = 100, height: Int = 30, cache: TemporaryFolder,
    environment: String = ""
) throws -> TmuxSession {
    let termSetting = (term.map { "TERM=\(shellQuoted($0)) " } ?? "") + (environment.isEmpty ? "" : environment + " ")
    let command =
        "unset LINES COLUMNS NO_COLOR; cd \(shellQuoted(cache.url.path)); "
        + "\(termSetting)LANG=C.UTF-8 XDG_CACHE_HOME=\(shellQuoted(cache.url.path)) "
        + "XDG_STATE_HOME=\(shellQuoted(cache.url.appendingPathComponent("state").path)) "
        + "\(shellQuoted(kabarBinary)) \(arguments) 2>\(shellQuoted(cache.url.appendingPathComponent("stderr.txt").path)); "
        + "echo exit=$?; sleep 600"
    return try TmuxSession(command: command, width: width, height: height)
}

/// kabar on the sample store, once its first screen shows the five articles.
func startSampleReader(cache: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> TmuxSession
{
    let tmux = try startKabar(cache: cache)
    let (screen, ready) = tmux.waitFor { $0.contains("5 articles") }
    #expect(ready, "first screen:\n\(screen)", sourceLocation: sourceLocation)
    return tmux
}

/// Quits with `Q` and checks that kabar exited with status 0; on failure, shows what kabar wrote
/// to standard error when its cache folder is given.
func quitExpectingSuccess(
    _ tmux: TmuxSession, cache: TemporaryFolder? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    tmux.send("Q")
    let (screen, quit) = tmux.waitFor { $0.contains("exit=0") }
    let stderr = cache.flatMap {
        try? String(contentsOf: $0.url.appendingPathComponent("stderr.txt"), encoding: .utf8)
    }
    #expect(quit, "\(screen)\n\(stderr ?? "")", sourceLocation: sourceLocation)
}

@Suite("kabar under tmux", .enabled(if: TmuxSession.isAvailable, "needs tmux"), .serialized)
struct ReaderEndToEndTests {
    @Test("the sample store opens with five articles, outlets and dates; q, asked again, quits with exit code 0")
    func firstScreen() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar(cache: cache)
        defer { tmux.close() }
        let (screen, ready) = tmux.waitFor { $0.contains("5 articles") }
        #expect(ready, "first screen:\n\(screen)")
        for outlet in ["genpi.co", "radardetik.id", "gemalantang.com", "samudrafakta.com", "bdadinfo.com"] {
            #expect(screen.contains(outlet))
        }
        #expect(screen.contains("2024-06-25 14:40 genpi.co"))
        #expect(screen.contains("sample store"))
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("Quit kabar? q again or y to quit") }.matched)
        tmux.send("q")
        let (end, quit) = tmux.waitFor { $0.contains("exit=") }
        #expect(quit)
        #expect(end.contains("exit=0"), "\(end)")
    }

    @Test("an article opens with its cleaned text, and the terminal is restored after quitting")
    func openArticle() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("j", "Enter")
        let (screen, opened) = tmux.waitFor { $0.contains("File    002_0fa6f1237f5adf34.txt") }
        #expect(opened, "\(screen)")
        #expect(screen.contains("RADARDETIK.ID – Hubungan yang panas"))
        #expect(!screen.contains("Notification"))
        tmux.send("q", "q", "y")
        let (end, quit) = tmux.waitFor { $0.contains("exit=") }
        #expect(end.contains("exit=0"), "\(end)")
        #expect(quit)
        #expect(tmux.run(["display-message", "-p", "-t", "main", "#{alternate_on}"]).output.hasPrefix("0"))
    }

    @Test("a opens the sample articles' story, one row per outlet; C twice compares two side by side")
    func storyAndCompare() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar(width: 140, height: 30, cache: cache)
        defer { tmux.close() }
        let (first, ready) = tmux.waitFor { $0.contains("5 articles") && $0.contains("+4 ") }
        #expect(ready, "\(first)")
        tmux.send("a")
        let (story, opened) = tmux.waitFor { $0.contains("Story of 5 outlets, 5 articles") }
        #expect(opened, "\(story)")
        for outlet in ["genpi.co", "radardetik.id", "gemalantang.com", "samudrafakta.com", "bdadinfo.com"] {
            #expect(story.contains(outlet))
        }
        tmux.send("C", "j", "C")
        let (compared, shown) = tmux.waitFor { $0.contains("│ > samudrafakta.com") }
        #expect(shown, "\(compared)")
        #expect(compared.contains("< bdadinfo.com, undated"))
        // At the end, the names each article has alone.
        tmux.send("G")
        let (end, names) = tmux.waitFor { $0.contains("< only:") && $0.contains("> only:") }
        #expect(names, "\(end)")
        tmux.send("q", "q")
        let (stories, listed) = tmux.waitFor { $0.contains("Stories of 2+ outlets · 1") }
        #expect(listed, "\(stories)")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("r shows the raw page with the stripped lines labelled by kind")
    func rawPage() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("G", "Enter")  // the last article: bdadinfo.com
        #expect(tmux.waitFor { $0.contains("File    004_6738c794eb8b6589.txt") }.matched)
        tmux.send("r")
        // The status line is drawn after the pane: wait for both, as tmux may show a frame half drawn.
        let (screen, shown) = tmux.waitFor { $0.contains("related link") && $0.contains("Raw page: ") }
        #expect(shown, "\(screen)")
        #expect(screen.contains(" 1    site name     │bdadinfo.com"))
        #expect(screen.contains(" 3    title         │Setelah 24 Tahun Terakhir"))
        #expect(screen.contains(" 5    caption       │Presiden Rusia, Vladimir Putin"))
        #expect(screen.contains(" 7                  │- Kunjungan presiden Rusia"))
        #expect(screen.contains("Raw page: 7 lines stripped"))
        tmux.send("G")
        #expect(tmux.waitFor { $0.contains(" 15   related link  │Baca Juga: Viral Pungli Parkir") }.matched)
        // Stripped text is drawn dim and italic in the default theme.
        // (bright black, SGR 90; italic, SGR 3), and the kind label beside it is not italic.
        let styled = tmux.capture(escapes: true)
        let stripped = sgrParameters(before: "Baca Juga: Viral", in: styled)
        #expect(stripped?.isSuperset(of: ["90", "3"]) == true, "\(String(describing: stripped))\n\(styled)")
        #expect(sgrParameters(before: "related link  │", in: styled)?.contains("3") == false, "\(styled)")
        tmux.send("r")
        #expect(tmux.waitFor { !$0.contains("related link") && $0.contains("\n - Kunjungan presiden Rusia") }.matched)
        quitExpectingSuccess(tmux)
    }

    @Test("/ finds Kirby in one article and Enter opens it with the hit highlighted")
    func searchKirby() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("Kirby", literal: true)
        let (screen, found) = tmux.waitFor { $0.contains("1 matching article") }
        #expect(found, "\(screen)")
        #expect(screen.contains("gemalantang.com"))
        tmux.send("Enter")
        let (article, opened) = tmux.waitFor { $0.contains("File    000_1d47c5372f499aee.txt") }
        #expect(opened, "\(article)")
        // The hit is drawn in the search-hit style: black on yellow in the default theme.
        let styled = tmux.capture(escapes: true)
        #expect(
            styled.contains("\u{1B}[1m\u{1B}[30m\u{1B}[43mKirby") || styled.contains("\u{1B}[1;30;43mKirby"),
            "\(styled)")
        quitExpectingSuccess(tmux)
    }

    @Test("said: finds the article quoting Blinken; Enter opens it with his quotes drawn as quotes")
    func saidBlinken() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("said:blinken", literal: true)
        let (screen, found) = tmux.waitFor { $0.contains("1 matching article") }
        #expect(found, "\(screen)")
        #expect(screen.contains("samudrafakta.com"))
        // A quote's words: what he said, not who reported it.
        tmux.send("C-u")
        tmux.send("quote:\"amunisi dalam jumlah besar\"", literal: true)
        let (quoted, one) = tmux.waitFor { $0.contains("1 matching article") && $0.contains("quote:") }
        #expect(one, "\(quoted)")
        tmux.send("Enter")
        let (article, opened) = tmux.waitFor { $0.contains("File    003_3b51c1f6be3a65c5.txt") }
        #expect(opened, "\(article)")
        // The quote is drawn italic (SGR 3) in the default theme.
        tmux.send("G")
        let (_, bottom) = tmux.waitFor { $0.contains("kata Blinken") }
        #expect(bottom)
        let styled = tmux.capture(escapes: true)
        #expect(styled.contains("\u{1B}[3m“"), "\(styled)")
        #expect(styled.contains("\u{1B}[0;3m\u{1B}[39m\u{1B}[49m menyediakan"), "\(styled)")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("search as you type: every key updates the results, the prompt shows the count and time; stems match")
    func searchAsYouType() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("pu", literal: true)
        let (short, none) = tmux.waitFor { $0.contains("0 matching articles") }
        #expect(none, "\(short)")
        // One key at a time, as a person types: the count follows.
        for key in ["t", "i", "n"] { tmux.send(key, literal: true) }
        let (screen, found) = tmux.waitFor {
            $0.range(of: #"5 matching articles · [0-9.]+ ms"#, options: .regularExpression) != nil
        }
        #expect(found, "\(screen)")
        tmux.send("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        tmux.send("ditandatangani", literal: true)
        // Four: genpi.co writes tandatangani, before a no-break space.
        let (stemmed, matched) = tmux.waitFor { $0.contains("4 matching articles") }
        #expect(matched, "\(stemmed)")
        // The forms each article uses are marked: menandatangani is found through the stem.
        let styled = tmux.capture(escapes: true)
        #expect(styled.contains("menandatangani\u{1B}") || styled.contains("menandatangani\u{1B}[0m"), "\(styled)")
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("File ") }.matched)
        quitExpectingSuccess(tmux)
    }

    @Test("e lists the open article's entities with counts; Enter and m walk the mentions; / finds the articles")
    func entityList() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("Kirby", literal: true)
        #expect(tmux.waitFor { $0.contains("1 matching article") }.matched)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("File    000_1d47c5372f499aee.txt") }.matched)
        tmux.send("e")
        // Each entity once, with its kind; `Putin` and `Kirby` count with the full names. The screen
        // is read once every row is there, so no frame drawn on the way counts.
        let rows = [
            "person Vladimir Putin", "person Kim Jong-un", "person John Kirby", "place  Korea Utara", "place  Rusia",
            "place  Amerika Serikat", "place  Ukraina", "org    Gedung Putih",
        ]
        let (list, shown) = tmux.waitFor { screen in
            screen.contains("entities,") && screen.contains("mentions ─") && rows.allSatisfy { screen.contains($0) }
        }
        #expect(shown, "\(list)")
        for row in rows {
            #expect(list.contains(row), "\(row) in\n\(list)")
        }
        #expect(!list.contains("person Putin "), "\(list)")
        #expect(list.range(of: #"person John Kirby +2 "#, options: .regularExpression) != nil, "\(list)")
        // Enter goes to the first mention of the most mentioned entity, named in the status line.
        tmux.send("Enter")
        let pattern = #"([A-Z][A-Za-z -]+) \((place|person|organisation)\): mention 1 of (\d+)"#
        let (first, went) = tmux.waitFor { $0.range(of: pattern, options: .regularExpression) != nil }
        #expect(went, "\(first)")
        let status = String(first[first.range(of: pattern, options: .regularExpression)!])
        let name = String(status[..<status.range(of: " (")!.lowerBound])
        let total = String(status[status.range(of: "of ")!.upperBound...])
        #expect(list.contains(name), "\(name) is the first entry of\n\(list)")
        tmux.send("m")
        #expect(tmux.waitFor { $0.contains("\(name) (") && $0.contains("mention 2 of \(total)") }.matched)
        tmux.send("M", "M")
        #expect(tmux.waitFor { $0.contains("mention \(total) of \(total)") }.matched)
        // The current mention is drawn in the selection style: black on cyan in the default theme.
        let styled = tmux.capture(escapes: true)
        #expect(styled.contains("46m\(name)"), "\(styled)")
        tmux.send("e", "/")
        let (search, searched) = tmux.waitFor { $0.contains(":\"") && $0.contains("matching article") }
        #expect(searched, "\(search)")
        #expect(search.contains(":\"" + name.lowercased() + "\""), "\(search)")
        // The cursor is in the query: Esc leaves it before Q.
        tmux.send("Escape")
        quitExpectingSuccess(tmux)
    }

    @Test("person: and org: fields in the reader's search find the articles that mention them")
    func entityFieldSearch() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("person:kirby", literal: true)
        let (people, found) = tmux.waitFor { $0.contains("1 matching article") }
        #expect(found, "\(people)")
        #expect(people.contains("gemalantang.com"), "\(people)")
        tmux.send("C-u")
        tmux.send("org:\"gedung putih\"", literal: true)
        let (orgs, foundOrg) = tmux.waitFor { $0.contains("org:\"gedung putih\"") && $0.contains("1 matching article") }
        #expect(foundOrg, "\(orgs)")
        tmux.send("C-u")
        tmux.send("person:putin", literal: true)
        let (all, foundAll) = tmux.waitFor { $0.contains("5 matching articles") }
        #expect(foundAll, "\(all)")
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("File    0") }.matched)
        quitExpectingSuccess(tmux)
    }

    @Test("filters by outlet and by date narrow the list, and c clears them")
    func filters() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("o")
        #expect(tmux.waitFor { $0.contains("Filter by outlet") }.matched)
        tmux.send("End", "Enter")
        let (outletScreen, filtered) = tmux.waitFor { $0.contains("1 of 5 articles") }
        #expect(filtered, "\(outletScreen)")
        #expect(outletScreen.contains("filter: outlet"))
        tmux.send("c")
        #expect(tmux.waitFor { $0.contains("5 articles") && !$0.contains("filter:") }.matched)
        tmux.send("d")
        #expect(tmux.waitFor { $0.contains("Filter by date") }.matched)
        tmux.send("2024-06-20..2024-06-30", literal: true)
        tmux.send("Enter")
        let (dateScreen, dated) = tmux.waitFor { $0.contains("2 of 5 articles") }
        #expect(dated, "\(dateScreen)")
        #expect(dateScreen.contains("date 2024-06-20..2024-06-30"))
        #expect(!dateScreen.contains("samudrafakta.com"))
        quitExpectingSuccess(tmux)
    }

    @Test("the outlet picker's filter box narrows the outlets as typed; a date filter counts the undated it hides")
    func outletPickerFilterBox() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar(width: 140, cache: cache)
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("o")
        #expect(tmux.waitFor { $0.contains("Filter by outlet") }.matched)
        tmux.send("/")
        tmux.send("radar", literal: true)
        let (narrowed, matched) = tmux.waitFor { $0.contains("Outlets matching “radar”: 1") }
        #expect(matched, "\(narrowed)")
        #expect(narrowed.contains("/ radar"))
        #expect(!narrowed.contains("│ genpi.co"))
        tmux.send("Enter")
        let (picked, filtered) = tmux.waitFor { $0.contains("1 of 5 articles") }
        #expect(filtered, "\(picked)")
        #expect(picked.contains("filter: outlet radardetik.id"))
        tmux.send("c", "d")
        #expect(tmux.waitFor { $0.contains("Filter by date") }.matched)
        tmux.send("2024-06", literal: true)
        tmux.send("Enter")
        let (dated, hidden) = tmux.waitFor { $0.contains("3 undated hidden · U shows them") }
        #expect(hidden, "\(dated)")
        tmux.send("U")
        let (all, shown) = tmux.waitFor { $0.contains("5 of 5 articles") }
        #expect(shown, "\(all)")
        quitExpectingSuccess(tmux)
    }

    @Test("resizing redraws at the new size")
    func resize() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.resize(width: 50, height: 12)
        let (screen, redrawn) = tmux.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 12 && lines[11].contains("5 articles") && !screen.contains("Outlet")
        }
        #expect(redrawn, "\(screen)")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 50 })
        // Wide enough for two panes: the article opens beside the list, the rule in one column.
        tmux.resize(width: 130, height: 16)
        tmux.send("Enter")
        let (split, opened) = tmux.waitFor {
            $0.contains("Outlet  genpi.co") && $0.contains("Date             Outlet          Title")
        }
        #expect(opened, "\(split)")
        let rows = split.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix(14)
        #expect(
            Set(rows.map { row in row.firstIndex(of: "│").map { DisplayWidth.of(row[..<$0]) } }).count == 1, "\(split)")
        // Back to narrow: one pane, nothing left of the other.
        tmux.resize(width: 60, height: 16)
        let (narrow, reflowed) = tmux.waitFor { !$0.contains("│") && $0.contains("Outlet  genpi.co") }
        #expect(reflowed, "\(narrow)")
        #expect(narrow.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
        quitExpectingSuccess(tmux)
    }

    @Test(
        "SIGTERM, SIGINT and SIGHUP end the reader with 128 + the signal and give the terminal back",
        arguments: [SIGTERM, SIGINT, SIGHUP])
    func signals(_ signal: Int32) throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        let pane = tmux.run(["display-message", "-p", "-t", "main", "#{pane_pid}"]).output
        let shell = Int32(pane.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(shell > 0)
        // kabar is the shell's child.
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let kabar = children.split(separator: " ").compactMap { Int32($0) }.first ?? 0
        #expect(kabar > 0)
        kill(kabar, signal)
        let (end, ended) = tmux.waitFor { $0.contains("exit=") }
        #expect(ended)
        #expect(end.contains("exit=\(128 + signal)"), "\(end)")
        #expect(tmux.run(["display-message", "-p", "-t", "main", "#{alternate_on}"]).output.hasPrefix("0"))
    }

    @Test("Ctrl-Z gives the shell back with the terminal restored; fg redraws the reader and it goes on")
    func suspendAndResume() throws {
        let cache = try TemporaryFolder()
        let tmux = try TmuxSession(
            command:
                "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=\(shellQuoted(cache.url.path)) bash --norc --noprofile -i",
            width: 100, height: 24)
        defer { tmux.close() }
        tmux.send(
            "XDG_CACHE_HOME=\(shellQuoted(cache.url.path)) XDG_STATE_HOME=\(shellQuoted(cache.url.path)) \(shellQuoted(kabarBinary))",
            literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("C-z")
        let (stopped, suspended) = tmux.waitFor { $0.contains("Stopped") }
        #expect(suspended, "\(stopped)")
        #expect(tmux.run(["display-message", "-p", "-t", "main", "#{alternate_on}"]).output.hasPrefix("0"))
        tmux.send("clear; fg", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("5 articles") && $0.contains("1/5") }.matched)
        tmux.send("j")
        #expect(tmux.waitFor { $0.contains("2/5") }.matched)
        // Ctrl-Z typed right after moves, while the reader may still be drawing them: ncurses
        // ignores the signal during each screen update, and a stop typed then was lost (about one
        // in 60 such tries).
        for round in 1...10 {
            for _ in 0..<(round % 3 + 1) {
                tmux.send("j")
                tmux.send("k")
            }
            tmux.send("C-z")
            let (screen, stoppedAgain) = tmux.waitFor(timeoutSeconds: 10) { $0.contains("Stopped") }
            #expect(stoppedAgain, "round \(round): \(screen)")
            #expect(tmux.run(["display-message", "-p", "-t", "main", "#{alternate_on}"]).output.hasPrefix("0"))
            tmux.send("clear; fg", literal: true)
            tmux.send("Enter")
            // Where the cursor is depends on how many of the moves were read: the terminal drops
            // the keys still waiting when Ctrl-Z is typed.
            #expect(tmux.waitFor { $0.contains("5 articles") && $0.contains("/5 · sample store") }.matched)
        }
        tmux.send("Q")
        tmux.send("echo status=$?", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("status=0") }.matched)
    }

    @Test("a query and Enter sent in one go, as a paste, open the query's best hit")
    func pastedQueryOpensItsHit() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        // An article open before, which a lost Enter would leave open.
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("File    001_1c96dbfa7ee8ac16.txt") }.matched)
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("1/5") }.matched)
        tmux.send("/Kirby", "Enter")
        let (screen, opened) = tmux.waitFor { $0.contains("File    000_1d47c5372f499aee.txt") }
        #expect(opened, "\(screen)")
        quitExpectingSuccess(tmux)
    }

    @Test("Esc leaves the search and the list without quitting; on the list q or Esc asks first")
    func quittingAsks() throws {
        let cache = try TemporaryFolder()
        let tmux = try startSampleReader(cache: cache)
        defer { tmux.close() }
        tmux.send("/")
        tmux.send("putin", literal: true)
        #expect(tmux.waitFor { $0.contains("matching articles") }.matched)
        tmux.send("Escape")
        tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("Date             Outlet") }.matched)
        tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("Quit kabar? q again or y to quit, any other key stays") }.matched)
        tmux.send("h")
        let (screen, stayed) = tmux.waitFor { !$0.contains("Quit kabar?") }
        #expect(stayed, "\(screen)")
        #expect(!screen.contains("exit="))
        tmux.send("Left")
        #expect(tmux.waitFor { $0.contains("This is the top list: q asks to quit, Q quits") }.matched)
        #expect(!tmux.capture().contains("exit="))
        tmux.send("q", "y")
        let (end, quit) = tmux.waitFor { $0.contains("exit=") }
        #expect(quit && end.contains("exit=0"), "\(end)")
    }

    @Test("! lists the files that could not be indexed, with the reason")
    func skippedFilesInTheReader() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        try store.write("good.txt", "Judul Berita Yang Cukup Panjang\n\nJakarta - Isi berita yang cukup panjang.")
        try store.write("empty.txt", "")
        try store.write("photo.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]))
        let tmux = try startKabar(shellQuoted(store.url.path), width: 100, height: 20, cache: cache)
        defer { tmux.close() }
        let (first, ready) = tmux.waitFor { $0.contains("2 files could not be indexed (! lists them)") }
        #expect(ready, "\(first)")
        tmux.send("!")
        let (list, shown) = tmux.waitFor { $0.contains("2 files could not be indexed") && $0.contains("empty file") }
        #expect(shown, "\(list)")
        #expect(list.contains("photo.txt"))
        #expect(list.contains("binary file (contains NUL bytes)"))
        tmux.send("Escape")
        quitExpectingSuccess(tmux)
    }

    @Test("an unknown TERM gives a one-line error and exit code 1")
    func unknownTerm() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar(term: "nosuchterm", cache: cache)
        defer { tmux.close() }
        let (screen, ended) = tmux.waitFor { $0.contains("exit=") }
        #expect(ended)
        #expect(screen.contains("exit=1"), "\(screen)")
        let stderr = try String(contentsOf: cache.url.appendingPathComponent("stderr.txt"), encoding: .utf8)
        #expect(
            stderr
                == "kabar: cannot use terminal type 'nosuchterm': it is not in the terminfo database; set TERM to e.g. xterm-256color\n"
        )
    }

    @Test("your own store opens from a path, and its files are left untouched")
    func ownStore() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        try store.write(
            "berita/satu.txt",
            "Judul Berita Pertama Yang Panjang\n\n5 Maret 2025 10:00\n\nKOMPAS.com - Isi berita pertama yang cukup panjang untuk paragraf."
        )
        try store.write(
            "berita/dua.txt", "Judul Berita Kedua Yang Panjang\n\nIsi berita kedua yang cukup panjang untuk paragraf.")
        let before = try store.fingerprint()
        let tmux = try startKabar(shellQuoted(store.url.path), cache: cache)
        defer { tmux.close() }
        let (screen, ready) = tmux.waitFor { $0.contains("2 articles") }
        #expect(ready, "\(screen)")
        #expect(screen.contains("2025-03-05 10:00 kompas.com"))
        quitExpectingSuccess(tmux)
        // The same store named with --store, as the commands for scripts take it.
        let again = try startKabar("--store " + shellQuoted(store.url.path), cache: cache)
        defer { again.close() }
        let (named, opened) = again.waitFor { $0.contains("2 articles") && $0.contains("kompas.com") }
        #expect(opened, "\(named)")
        quitExpectingSuccess(again)
        #expect(try store.fingerprint() == before)
        let indexes = try FileManager.default.contentsOfDirectory(
            atPath: cache.url.appendingPathComponent("kabar/indexes").path)
        #expect(indexes.contains { $0.hasSuffix(".sqlite") })
    }

    @Test("read and starred marks are kept in kabar's state file, outside the store, and survive an index rebuild")
    func readingState() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        try store.write(
            "a.txt", "Judul Berita Pertama Yang Panjang\n\n5 Maret 2025 10:00\n\nIsi berita pertama yang panjang.")
        try store.write(
            "b.txt", "Judul Berita Kedua Yang Panjang\n\n4 Maret 2025 10:00\n\nIsi berita kedua yang panjang.")
        let before = try store.fingerprint()
        var tmux = try startKabar(shellQuoted(store.url.path), cache: cache)
        #expect(tmux.waitFor { $0.contains("2 articles · 2 unread") }.matched)
        tmux.send("x", "j", "s")
        let (marked, ok) = tmux.waitFor { $0.contains("2 articles · 1 unread") && $0.contains("Starred") }
        #expect(ok, "\(marked)")
        #expect(marked.contains("*2025-03-04"))
        quitExpectingSuccess(tmux)
        tmux.close()
        #expect(try store.fingerprint() == before)
        // The index is thrown away and built anew; the marks stay.
        try FileManager.default.removeItem(at: cache.url.appendingPathComponent("kabar/indexes"))
        tmux = try startKabar(shellQuoted(store.url.path), cache: cache)
        defer { tmux.close() }
        let (reopened, kept) = tmux.waitFor { $0.contains("2 articles · 1 unread") }
        #expect(kept, "\(reopened)")
        #expect(reopened.contains("*2025-03-04"))
        tmux.send("u")
        #expect(tmux.waitFor { $0.contains("Nothing to undo.") }.matched)
        tmux.send("A")
        #expect(tmux.waitFor { $0.contains("2 articles · 0 unread") }.matched)
        quitExpectingSuccess(tmux)
        let states = try FileManager.default.contentsOfDirectory(
            atPath: cache.url.appendingPathComponent("state/kabar/reading").path)
        #expect(states.count == 1)
        #expect(try store.fingerprint() == before)
    }

    @Test("NO_COLOR draws with the monochrome theme, attributes only; t switches the theme live")
    func themes() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar("", width: 100, height: 30, cache: cache, environment: "NO_COLOR=1")
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("/")
        tmux.send("Kirby", literal: true)
        #expect(tmux.waitFor { $0.contains("1 matching article") }.matched)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("File    000_1d47c5372f499aee.txt") }.matched)
        let plain = tmux.capture(escapes: true)
        // No colour codes (30–37, 38;5, 40–47, 90–97, 100–107), yet the hit is reversed.
        let colour = #"\e\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m"#
        #expect(plain.range(of: colour, options: .regularExpression) == nil, "\(plain)")
        #expect(plain.contains("\u{1B}[7mKirby"), "\(plain)")
        tmux.send("t")
        let (switched, ok) = tmux.waitFor { $0.contains("Theme: default") }
        #expect(ok, "\(switched)")
        // The default theme's hit (black on yellow, bold) without its colours: bold, not reversed.
        let redrawn = tmux.capture(escapes: true)
        #expect(redrawn.contains("\u{1B}[1mKirby") && !redrawn.contains("\u{1B}[7mKirby"), "\(redrawn)")
        quitExpectingSuccess(tmux)
    }

    @Test("config.toml rebinds keys and sets the theme; its problems are named by line; 120 columns split")
    func configFile() throws {
        let cache = try TemporaryFolder()
        let folder = cache.url.appendingPathComponent("config/kabar")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        theme = "light"
        [keys]
        toggle-star = "Z"
        fly = "f"
        """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let tmux = try startKabar(
            "", width: 130, height: 30, cache: cache,
            environment: "XDG_CONFIG_HOME=\(shellQuoted(cache.url.appendingPathComponent("config").path))")
        defer { tmux.close() }
        let (first, ready) = tmux.waitFor { $0.contains("5 articles") }
        #expect(ready, "\(first)")
        #expect(first.contains("config.toml line 4: unknown action `fly` (? shows it)"), "\(first)")
        // s no longer stars; Z does.
        tmux.send("s")
        tmux.send("Z")
        let (starred, ok) = tmux.waitFor { $0.contains("Starred (u undoes)") }
        #expect(ok, "\(starred)")
        #expect(starred.contains("*2024-06-25"))
        // The light theme's list header (#005f87, colour 24 of 256), which the default theme does not use.
        let coloured = tmux.capture(escapes: true)
        #expect(coloured.contains("38;5;24m"), "\(coloured)")
        // Side by side at 130 columns: the article opens on the right of the list.
        tmux.send("Enter")
        let (split, opened) = tmux.waitFor { $0.contains("Outlet  genpi.co") }
        #expect(opened, "\(split)")
        let row = split.split(separator: "\n").first { $0.contains("Outlet  genpi.co") } ?? ""
        #expect(row.contains("│") && row.hasPrefix(" —") && row.contains("GEMALANTANG.COM"), "\(split)")
        // Help lists the rebound key, searchable.
        tmux.send("?")
        tmux.send("/")
        tmux.send("star", literal: true)
        let (help, listed) = tmux.waitFor { $0.contains("Keys matching “star”") }
        #expect(listed, "\(help)")
        #expect(help.contains("toggle-star"))
        #expect(help.contains("line 4: unknown action") == false)
        // Esc clears the search, showing the config file's problems again; the next Esc closes.
        tmux.send("Escape")
        #expect(tmux.waitFor { $0.contains("line 4: unknown action `fly`") && $0.contains("Keys") }.matched)
        tmux.send("Escape")
        quitExpectingSuccess(tmux)
    }

    @Test("a scraper's record line gives date, outlet and web address: shown in the article, cited by y, opened by w")
    func scraperRecord() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        let address = "http://www.cnnindonesia.com/internasional/20160822115846-106-152964/malaysia-awasi/"
        try store.write(
            "cnn-indonesia/1.txt",
            "Malaysia awasi ketat mahasiswa yang diduga terpengaruh isis\ncnn indonesia | 2016-08-22 | tajuk utama | "
                + address
                + "\nJakarta, CNN Indonesia -- Kepolisian Malaysia bekerja sama dengan beberapa universitas dalam upaya memberantas pengaruh radikal."
        )
        try store.write(
            "dailysocial-id/2.txt",
            "Nikah id permudah komunikasi calon pengantin dengan vendor\nMelimpah ruahnya jumlah millennial di Tanah Air yang mulai memasuki usia pernikahan."
        )
        let browser = cache.url.appendingPathComponent("browser.sh")
        try "#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/opened.txt\"\n".write(
            to: browser, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
        let tmux = try startKabar(
            shellQuoted(store.url.path), width: 110, height: 30, cache: cache,
            environment: "BROWSER=\(shellQuoted(browser.path))")
        defer { tmux.close() }
        _ = tmux.run(["set-option", "-s", "set-clipboard", "on"])
        let (list, ready) = tmux.waitFor { $0.contains("2 articles") && $0.contains("cnnindonesia.com") }
        #expect(ready, "\(list)")
        #expect(list.contains("2016-08-22 11:58 cnnindonesia.com"), "\(list)")
        #expect(list.contains("dailysocial.id"), "\(list)")
        tmux.send("Enter")
        let (article, opened) = tmux.waitFor { $0.contains("Web     " + address.prefix(40)) }
        #expect(opened, "\(article)")
        #expect(!article.contains("tajuk utama"), "\(article)")
        tmux.send("w")
        #expect(tmux.waitFor { $0.contains("Opened http") }.matched)
        let sent = try String(contentsOf: cache.url.appendingPathComponent("opened.txt"), encoding: .utf8)
        #expect(sent == address)
        tmux.send("y")
        #expect(tmux.waitFor { $0.contains("Citation copied") }.matched)
        let buffer = tmux.run(["show-buffer"]).output
        #expect(buffer.hasPrefix("cnnindonesia.com, 2016-08-22 11:58, “Malaysia awasi"), "\(buffer)")
        #expect(buffer.contains(", \(address), "), "\(buffer)")
        quitExpectingSuccess(tmux)
    }

    @Test("| pipes the cleaned article to a command, v opens its file in $PAGER, y copies a citation (OSC 52)")
    func articleCommands() throws {
        let cache = try TemporaryFolder()
        let pager = cache.url.appendingPathComponent("pager.sh")
        try "#!/bin/sh\ncat \"$1\" > \"$(dirname \"$0\")/paged.txt\"\n".write(
            to: pager, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pager.path)
        let tmux = try startKabar(
            "", width: 100, height: 30, cache: cache, environment: "PAGER=\(shellQuoted(pager.path))")
        defer { tmux.close() }
        _ = tmux.run(["set-option", "-s", "set-clipboard", "on"])
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("Outlet  genpi.co") }.matched)
        tmux.send("|")
        #expect(tmux.waitFor { $0.contains("Pipe the article to:") }.matched)
        tmux.send("cat > piped.txt; echo piped-ok", literal: true)
        tmux.send("Enter")
        let (shell, waited) = tmux.waitFor { $0.contains("piped-ok") && $0.contains("Press Enter to return to kabar") }
        #expect(waited, "\(shell)")
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("exited with status 0") && $0.contains("Outlet  genpi.co") }.matched)
        let piped = try String(contentsOf: cache.url.appendingPathComponent("piped.txt"), encoding: .utf8)
        #expect(piped.hasPrefix("Bikin Perjanjian Baru dengan Korea Utara, Rusia Menantang Barat Soal Ukraina\n"))
        #expect(piped.contains("Presiden Rusia Vladimir Putin bersedia"))
        #expect(!piped.contains("Baca Juga"))

        tmux.send("v")
        #expect(tmux.waitFor { $0.contains("Back from") }.matched)
        let paged = try Data(contentsOf: cache.url.appendingPathComponent("paged.txt"))
        let source = try Data(contentsOf: SampleStore.url.appendingPathComponent("001_1c96dbfa7ee8ac16.txt"))
        #expect(paged == source)

        tmux.send("y")
        #expect(tmux.waitFor { $0.contains("Citation copied") }.matched)
        let buffer = tmux.run(["show-buffer"]).output
        #expect(buffer.hasPrefix("genpi.co, 2024-06-25 14:40, “Bikin Perjanjian Baru"), "\(buffer)")
        #expect(buffer.hasSuffix("001_1c96dbfa7ee8ac16.txt"), "\(buffer)")
        quitExpectingSuccess(tmux)
    }

    @Test(
        "v gives the terminal to a real less: it reads keys, Ctrl-C reaches it alone, q returns to kabar; so does | less"
    )
    func realPager() throws {
        let cache = try TemporaryFolder()
        // less as a user has it, with no options from the environment and no history file.
        let tmux = try startKabar(
            "", width: 100, height: 30, cache: cache, environment: "PAGER= LESS= LESSOPEN= LESSCLOSE= LESSHISTFILE=-")
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("Outlet  genpi.co") }.matched)
        tmux.send("v")
        let (paged, shown) = tmux.waitFor {
            $0.hasPrefix("Bikin Perjanjian Baru dengan Korea Utara") && $0.contains("001_1c96dbfa7ee8ac16.txt")
        }
        #expect(shown, "\(paged)")
        // less reads the keyboard: G goes to the end of the file and shows (END).
        tmux.send("G")
        let (end, atEnd) = tmux.waitFor { $0.contains("(END)") }
        #expect(atEnd, "\(end)")
        // Ctrl-C is less's, not kabar's: the reader does not quit, and less still takes keys (it
        // drops keys typed just after an interrupt, so g is sent until the top shows again).
        tmux.send("C-c")
        var top = false
        for _ in 0..<10 where !top {
            tmux.send("g")
            top = tmux.waitFor(timeoutSeconds: 1) { $0.hasPrefix("Bikin Perjanjian") && !$0.contains("(END)") }.matched
        }
        #expect(top, "\(tmux.capture())")
        tmux.send("q")
        let (back, returned) = tmux.waitFor { $0.contains("Back from less") && $0.contains("Outlet  genpi.co") }
        #expect(returned, "\(back)")
        #expect(!back.contains("exit="), "\(back)")

        tmux.send("|")
        #expect(tmux.waitFor { $0.contains("Pipe the article to:") }.matched)
        tmux.send("less", literal: true)
        tmux.send("Enter")
        let (piped, pagedPipe) = tmux.waitFor {
            $0.hasPrefix("Bikin Perjanjian Baru dengan Korea Utara") && $0.contains("Outlet: genpi.co")
        }
        #expect(pagedPipe, "\(piped)")
        tmux.send("q")
        #expect(tmux.waitFor { $0.contains("Press Enter to return to kabar") }.matched)
        tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("`less` exited with status 0") && $0.contains("Outlet  genpi.co") }.matched)
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("the theme chosen with t is remembered in the state folder for the next start; --theme still wins")
    func themeIsRemembered() throws {
        let cache = try TemporaryFolder()
        var tmux = try startSampleReader(cache: cache)
        tmux.send("t")
        #expect(tmux.waitFor { $0.contains("Theme: high-contrast (t for the next)") }.matched)
        quitExpectingSuccess(tmux, cache: cache)
        tmux.close()
        let saved = try String(
            contentsOf: cache.url.appendingPathComponent("state/kabar/theme"), encoding: .utf8)
        #expect(saved == "high-contrast\n")
        // The next start uses it: t goes on to the theme after high-contrast.
        tmux = try startSampleReader(cache: cache)
        tmux.send("t")
        #expect(tmux.waitFor { $0.contains("Theme: light (t for the next)") }.matched, "\(tmux.capture())")
        quitExpectingSuccess(tmux, cache: cache)
        tmux.close()
        // A theme named on the command line wins over the remembered one.
        tmux = try startKabar("--theme default", cache: cache)
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        tmux.send("t")
        #expect(tmux.waitFor { $0.contains("Theme: high-contrast (t for the next)") }.matched, "\(tmux.capture())")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("a store whose files were all skipped says so and points to !, not to an empty store")
    func everyFileSkipped() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        try store.write("empty.txt", "")
        try store.write("blank.txt", "  \n\n ")
        let tmux = try startKabar(shellQuoted(store.url.path), cache: cache)
        defer { tmux.close() }
        let (screen, said) = tmux.waitFor { $0.contains("No article could be read: 2 files skipped, ! lists them.") }
        #expect(said, "\(screen)")
        #expect(!screen.contains("This store has no articles"))
        tmux.send("!")
        #expect(tmux.waitFor { $0.contains("2 files could not be indexed") }.matched)
        tmux.send("Escape")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("files added to or rewritten in the store while the reader shows it appear in the list")
    func storeIsWatched() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        func page(_ title: String, day: Int) -> String {
            "\(title)\n\n\(day) Maret 2025 10:00\n\nJakarta - Isi berita yang cukup panjang tentang \(title.lowercased()).\n"
        }
        try store.write("a/one.txt", page("Banjir Melanda Kota Lama", day: 1))
        try store.write("two.txt", page("Harga Beras Naik Lagi", day: 2))
        let tmux = try startKabar(shellQuoted(store.url.path), width: 100, height: 20, cache: cache)
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("2 articles") && $0.contains("Banjir Melanda") }.matched)
        // A new file, in a new folder, written while the list is on screen.
        try store.write("b/c/three.txt", page("Pasar Malam Dibuka Kembali", day: 3))
        let (added, listed) = tmux.waitFor {
            $0.contains("3 articles") && $0.contains("Pasar Malam Dibuka Kembali")
                && $0.contains("The store changed: 1 article added")
        }
        #expect(listed, "\(added)")
        // A file rewritten in place (its folder's time does not change).
        let handle = try FileHandle(forWritingTo: store.url.appendingPathComponent("a/one.txt"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(page("Banjir Sudah Surut", day: 1).utf8))
        try handle.close()
        let (rewritten, changed) = tmux.waitFor { $0.contains("Banjir Sudah Surut") && !$0.contains("Banjir Melanda") }
        #expect(changed, "\(rewritten)")
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("titles in CJK, with emoji ZWJ sequences, flags and combining marks keep every column aligned in tmux")
    func wideTitles() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        let titles = [
            "東京で日本語ニュース速報が伝えられた日の出来事についての長い見出しです",
            "Keluarga 👨‍👩‍👧 dan 🇮🇩 merayakan HUT RI di Jakarta bersama warga sekitar kompleks perumahan",
            "Cafe\u{301} de\u{301}ja\u{300} vu: Tie\u{302}\u{301}ng Vie\u{323}\u{302}t di Jakarta, ramai dikunjungi warga pada akhir pekan",
            "한국어 기사 제목이 아주 길게 이어지는 경우에도 정렬이 유지되어야 합니다",
        ]
        for (index, title) in titles.enumerated() {
            try store.write(
                "\(index).txt", "\(title)\n\n\(index + 1) Maret 2025 10:00\n\nJakarta - Isi berita yang cukup panjang.")
        }
        let tmux = try startKabar(shellQuoted(store.url.path), width: 130, height: 20, cache: cache)
        defer { tmux.close() }
        let (screen, ready) = tmux.waitFor { $0.contains("4 articles") }
        #expect(ready, "\(screen)")
        tmux.send("Enter")
        let (split, opened) = tmux.waitFor { $0.contains("Outlet  —") || $0.contains("Outlet  not named") }
        #expect(opened, "\(split)")
        // tmux lays out each cell by its own width table: the rule between the panes must sit in one
        // column on every row, and each title is cut with … inside its column.
        let rows = split.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix(18)
        // Measured with kabar's own width table over what tmux shows: if tmux counted any cluster
        // differently, the rule would move on that row.
        let columns = rows.map { row in row.firstIndex(of: "│").map { DisplayWidth.of(row[..<$0]) } }
        #expect(Set(columns.compactMap { $0 }).count == 1, "\(split)\n\(columns)")
        #expect(columns.allSatisfy { $0 != nil }, "\(split)")
        // The three rows with headlines (the Japanese page's headline is not taken as one).
        for row in rows.prefix(4).dropFirst() {
            #expect(row.contains("… │") || row.contains("…│"), "\(split)\n\(row)")
        }
        quitExpectingSuccess(tmux)
    }

    @Test("a first index runs beside the reader: progress with rate and time left, and the list usable meanwhile")
    func indexingBesideTheReader() throws {
        let cache = try TemporaryFolder()
        let store = try TemporaryFolder()
        let words = ["pemerintah", "presiden", "rakyat", "ekonomi", "harga", "kota", "desa", "sekolah", "pasar"]
        for index in 0..<6000 {
            let title = (0..<6).map { words[(index * 7 + $0 * 3) % words.count].capitalized }.joined(separator: " ")
            let body = (0..<80).map { words[(index + $0 * 5) % words.count] }.joined(separator: " ")
            try store.write(
                "\(index / 1000)/\(index).txt",
                "\(title) \(index)\n\n\(1 + index % 28) Maret 2025 10:00\n\nJakarta - \(body).\n\n\(body).\n")
        }
        let index = cache.url.appendingPathComponent("index.sqlite").path
        let tmux = try startKabar(
            shellQuoted(store.url.path) + " --index " + shellQuoted(index), width: 110, height: 20, cache: cache)
        defer { tmux.close() }
        // Once the first files are in the index, its writes are held (as another writer would hold
        // them), so the reader is seen mid-run however fast it indexes.
        #expect(waitUntil(timeoutSeconds: 60) { (indexedArticleCount(index) ?? 0) > 0 })
        try holdingWrites(to: index) {
            #expect((indexedArticleCount(index) ?? 0) < 6000)
            // Rows are listed while the rest is still being read.
            let (during, listed) = tmux.waitFor(timeoutSeconds: 4) { screen in
                screen.contains("indexing ") && screen.contains("/6000 · ") && screen.contains(" left")
                    && screen.contains(" unread · 1/")
            }
            #expect(listed, "\(during)")
            tmux.send("j")
            let (moved, usable) = tmux.waitFor(timeoutSeconds: 4) { $0.contains(" unread · 2/") }
            #expect(usable, "\(moved)")
            #expect(moved.contains("indexing "), "\(moved)")
        }
        // Phase 2: every article is listed and found by its words while names are still found.
        #expect(
            waitUntil(timeoutSeconds: 120) {
                indexedPhases(index).map { $0.words == 6000 && $0.names > 0 && $0.names < 6000 } ?? false
            })
        try holdingWrites(to: index) {
            #expect((indexedPhases(index)?.names ?? 0) < 6000)
            let (naming, shown) = tmux.waitFor(timeoutSeconds: 4) { screen in
                screen.contains("finding names ") && screen.contains("6000 articles")
            }
            #expect(shown, "\(naming)")
            tmux.send("/")
            tmux.send("place:jakarta", literal: true)
            let (partial, said) = tmux.waitFor(timeoutSeconds: 4) { $0.contains("· partial: names ") }
            #expect(said, "\(partial)")
            tmux.send("Escape")
        }
        // The list can show all 6000 while the last of the index is still written: wait for the end.
        let (done, finished) = tmux.waitFor(timeoutSeconds: 120) {
            $0.contains("6000 articles") && !$0.contains("indexing ") && !$0.contains("finding names")
        }
        #expect(finished, "\(done)")
        #expect(done.contains("6000 files indexed"))
        #expect(!done.contains("partial"))
        quitExpectingSuccess(tmux, cache: cache)
    }

    @Test("COLORTERM=truecolor draws #rrggbb in 24 bits; without it the nearest of 256 is used")
    func trueColor() throws {
        for (setting, expected) in [("COLORTERM=truecolor", "38;2;0;95;135m"), ("COLORTERM=", "38;5;24m")] {
            let cache = try TemporaryFolder()
            let tmux = try startKabar("--theme light", cache: cache, environment: setting)
            defer { tmux.close() }
            #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
            // The light theme's heading colour, #005f87.
            let screen = tmux.capture(escapes: true)
            #expect(screen.contains(expected), "\(setting): \(screen)")
            quitExpectingSuccess(tmux)
        }
    }

    @Test("with --mouse, a click selects, a double click opens and the wheel scrolls, through tmux")
    func mouse() throws {
        let cache = try TemporaryFolder()
        let tmux = try startKabar("--mouse", width: 100, height: 20, cache: cache)
        defer { tmux.close() }
        #expect(tmux.waitFor { $0.contains("5 articles") }.matched)
        // xterm's X10 mouse reports, as a terminal sends them: ESC [ M, button, column, row (+32).
        func report(_ button: Int, _ x: Int, _ y: Int) -> [String] {
            ["1b", "5b", "4d"] + [32 + button, 33 + x, 33 + y].map { String($0, radix: 16) }
        }
        func click(_ x: Int, _ y: Int) -> [String] { report(0, x, y) + report(3, x, y) }
        _ = tmux.run(["send-keys", "-t", "main", "-H"] + click(10, 4))
        #expect(tmux.waitFor { $0.contains("5 unread · 3/5") }.matched)
        _ = tmux.run(["send-keys", "-t", "main", "-H"] + report(65, 10, 6))
        #expect(tmux.waitFor { $0.contains("5 unread · 5/5") }.matched)
        _ = tmux.run(["send-keys", "-t", "main", "-H"] + report(64, 10, 6))
        #expect(tmux.waitFor { $0.contains("5 unread · 2/5") }.matched)
        _ = tmux.run(["send-keys", "-t", "main", "-H"] + click(10, 3) + click(10, 3))
        let (opened, ok) = tmux.waitFor { $0.contains("Outlet  radardetik.id") }
        #expect(ok, "\(opened)")
        quitExpectingSuccess(tmux)
    }
}
