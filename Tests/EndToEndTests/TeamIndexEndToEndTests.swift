import Foundation
import KabarTestSupport
import PostgresIndex
import SampleStore
import Testing

/// A PostgreSQL cluster of one test's own (`.ci/postgres`), so that it may stop and start its
/// server while kabar runs; stopped and removed at the end.
final class PrivateCluster {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".ci/postgres").path

    /// Whether a cluster can be made here: the suite's server is there (so PostgreSQL is installed).
    static var isAvailable: Bool {
        !(ProcessInfo.processInfo.environment["KABAR_TEST_DATABASE"] ?? "").isEmpty
            && FileManager.default.isExecutableFile(atPath: script)
    }

    static let scriptEnvironment = ["PATH": "/usr/bin:/bin:/usr/sbin:/sbin"]

    let folder: String
    /// The superuser's address, on the cluster's socket.
    let url: String

    init() throws {
        folder = "/tmp/kabar-e2e-pg-" + UUID().uuidString.prefix(8).lowercased()
        let started = try runCommand(
            "/bin/bash", [Self.script, "start", folder], environment: Self.scriptEnvironment)
        guard started.status == 0, let line = started.output.split(separator: "\n").last,
            line.hasPrefix("KABAR_TEST_DATABASE=")
        else { throw TmuxError("the cluster did not start: \(started.errorOutput)") }
        url = String(line.dropFirst("KABAR_TEST_DATABASE=".count))
    }

    deinit {
        _ = try? runCommand("/bin/bash", [Self.script, "stop", folder], environment: Self.scriptEnvironment)
        try? FileManager.default.removeItem(atPath: folder)
    }

    func stop() throws {
        let result = try runCommand("/bin/bash", [Self.script, "stop", folder], environment: Self.scriptEnvironment)
        #expect(result.status == 0, "\(result.errorOutput)")
    }

    func resume() throws {
        let result = try runCommand(
            "/bin/bash", [Self.script, "resume", folder], environment: Self.scriptEnvironment)
        #expect(result.status == 0, "\(result.errorOutput)")
    }

    /// Runs SQL as the superuser and returns its rows' first column (which must be text).
    func rows(_ sql: String) throws -> [String] {
        let session = DatabaseSession(address: try DatabaseAddress(parsing: url))
        defer { session.close() }
        return try session.query(sql).map { try $0.decode(String.self) }
    }
}

@Suite(
    "The team index end to end: the real binary, a real PostgreSQL",
    .enabled(if: PrivateCluster.isAvailable && TmuxSession.isAvailable, "needs tmux and PostgreSQL"), .serialized)
struct TeamIndexEndToEndTests {
    let home: TemporaryFolder
    init() throws { home = try TemporaryFolder() }

    var environment: [String: String] {
        [
            "XDG_CACHE_HOME": home.url.appendingPathComponent("cache").path,
            "XDG_STATE_HOME": home.url.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path, "HOME": home.url.path,
            "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ]
    }

    func kabar(_ arguments: [String]) throws -> CommandResult {
        try runCommand(kabarBinary, arguments, environment: environment)
    }

    /// The reader on the team index under tmux, as `user` when given.
    func reader(_ url: String, user: String? = nil) throws -> TmuxSession {
        let settings = environment.filter { $0.key != "PATH" }.map { "\($0.key)=\(shellQuoted($0.value))" }
            .sorted().joined(separator: " ")
        let command =
            "unset LINES COLUMNS NO_COLOR; \(settings) \(shellQuoted(kabarBinary)) --database \(shellQuoted(url))"
            + (user.map { " --user \(shellQuoted($0))" } ?? "") + " 2>\(shellQuoted(home.url.path))/stderr.txt; "
            + "echo exit=$?; sleep 600"
        return try TmuxSession(command: command, width: 120, height: 30)
    }

    @Test(
        "index the sample store into PostgreSQL, read it: search, filter, mark read; another user sees no marks; the server stops and starts and the reader goes on"
    )
    func readerOnTeamIndex() throws {
        let cluster = try PrivateCluster()
        let store = try TemporaryFolder()
        try store.copyContents(of: SampleStore.url, into: "2024/06")
        let indexed = try kabar(["index", "--database", cluster.url, "--name", "sample", store.url.path])
        #expect(indexed.status == 0, "\(indexed.errorOutput)")
        #expect(indexed.output.contains("sample: 5 added, 0 removed, 1 stories"))

        let tmux = try reader(cluster.url)
        defer { tmux.close() }
        let (first, opened) = tmux.waitFor { $0.contains("5 articles · 5 unread") }
        #expect(opened, "\(first)")
        #expect(first.contains("genpi.co"))
        // Search.
        tmux.send("/")
        tmux.send("person:kirby", literal: true)
        tmux.send("Enter")
        let (searched, found) = tmux.waitFor { $0.contains("“person:kirby” 1 found") }
        #expect(found, "\(searched)")
        #expect(searched.contains("gemalantang.com"))
        tmux.send("Escape", "1")
        // Filter by outlet, then mark the one article read.
        tmux.send("o")
        #expect(tmux.waitFor { $0.contains("Filter by outlet") }.matched)
        tmux.send("/")
        tmux.send("radar", literal: true)
        tmux.send("Enter")
        let (filtered, narrowed) = tmux.waitFor { $0.contains("1 of 5 articles") }
        #expect(narrowed, "\(filtered)")
        tmux.send("x")
        let (marked, isMarked) = tmux.waitFor { $0.contains("1 of 5 articles · 0 unread") }
        #expect(isMarked, "\(marked)")
        tmux.send("c")
        let (cleared, isCleared) = tmux.waitFor { !$0.contains("filter:") && Self.unread(in: $0) != nil }
        #expect(isCleared, "\(cleared)")
        // Opening an article marks it read too (the search showed one): some are read now.
        let unread = try #require(Self.unread(in: cleared))
        #expect(unread < 5)

        // The server stops: the status line says so; it starts again: the reader goes on.
        try cluster.stop()
        let (lost, saidLost) = tmux.waitFor { $0.contains("reconnecting…") }
        #expect(saidLost, "\(lost)")
        try cluster.resume()
        let (back, saidBack) = tmux.waitFor(timeoutSeconds: 30) { $0.contains("Reconnected to the team index") }
        #expect(saidBack, "\(back)")
        tmux.send("/")
        tmux.send("pyongyang", literal: true)
        tmux.send("Enter")
        let (after, answered) = tmux.waitFor { $0.contains("“pyongyang”") && $0.contains("found") }
        #expect(answered, "\(after)")
        tmux.send("Escape")
        quitExpectingSuccess(tmux)

        // The marks are the user's, in the database: kept for them, not seen by another.
        #expect(try cluster.rows("SELECT user_name FROM kabar_user_state WHERE kind = 'marks'") == ["postgres"])
        let again = try reader(cluster.url)
        let (kept, isKept) = again.waitFor { Self.unread(in: $0) != nil }
        #expect(isKept, "\(kept)")
        #expect(Self.unread(in: kept) != nil && Self.unread(in: kept)! <= unread)
        quitExpectingSuccess(again)
        let other = try reader(cluster.url, user: "ayu")
        let (otherScreen, unmarked) = other.waitFor { $0.contains("5 articles · 5 unread") }
        #expect(unmarked, "\(otherScreen)")
        quitExpectingSuccess(other)
    }

    /// The unread count of the status line, `5 articles · 3 unread`.
    static func unread(in screen: String) -> Int? {
        guard let range = screen.range(of: #"5 articles · (\d) unread"#, options: .regularExpression) else {
            return nil
        }
        return Int(screen[range].dropLast(" unread".count).split(separator: " ").last ?? "")
    }

    @Test("an indexer killed while writing to the database and run again ends with every file once")
    func killedIndexer() throws {
        let cluster = try PrivateCluster()
        let store = try TemporaryFolder()
        for number in 0..<3000 {
            try store.write(
                "\(number / 500)/\(number).txt",
                "Judul Berita Nomor \(number) Yang Panjang\n\n\(1 + number % 28) Maret 2025 10:00\n\nJakarta - Isi berita nomor \(number) yang cukup panjang untuk paragraf.\n"
            )
        }
        // The store's own index first, so that the runs below spend their time writing to the database.
        #expect(try kabar(["list", store.url.path]).status == 0)
        func loaded() -> Int {
            Int((try? cluster.rows("SELECT count(*)::text FROM kabar_article").first) ?? nil ?? "0") ?? 0
        }
        var killed = 0
        var finished = false
        var before = 0
        for _ in 0..<20 where !finished {
            let pid = try spawnProcess(
                [kabarBinary, "index", "--database", cluster.url, store.url.path], environment: environment,
                outputPath: nil, errorPath: nil)
            var waitStatus: Int32 = 0
            var exited = false
            _ = waitUntil(timeoutSeconds: 60) {
                exited = waitpid(pid, &waitStatus, WNOHANG) == pid
                return exited || loaded() > before
            }
            if exited {
                finished = (waitStatus & 0x7F) == 0 && ((waitStatus >> 8) & 0xFF) == 0
            } else {
                kill(pid, SIGKILL)
                _ = waitForExit(pid)
                killed += 1
            }
            let now = loaded()
            #expect(now >= before, "a killed run lost articles: \(before) before, \(now) after")
            before = now
        }
        #expect(finished)
        #expect(killed >= 2, "only \(killed) runs were killed before they finished")
        #expect(loaded() == 3000)
        #expect(try cluster.rows("SELECT count(DISTINCT path)::text FROM kabar_article") == ["3000"])
        let listed = try kabar(["list", "--database", cluster.url])
        #expect(listed.output.split(separator: "\n").count == 3000)
    }

    @Test("list, search, show and export read the team index as they read a store, paths as STORE/PATH")
    func scriptCommands() throws {
        let cluster = try PrivateCluster()
        let store = try TemporaryFolder()
        try store.copyContents(of: SampleStore.url, into: "2024/06")
        #expect(try kabar(["index", "--database", cluster.url, "--name", "sample", store.url.path]).status == 0)
        let fromStore = try kabar(["list", store.url.path]).output.split(separator: "\n")
        let listed = try kabar(["list", "--database", cluster.url])
        #expect(listed.status == 0, "\(listed.errorOutput)")
        let lines = listed.output.split(separator: "\n")
        #expect(lines.count == 5)
        // The same articles in the same order, paths under the store's name.
        #expect(
            lines.map { $0.split(separator: "\t").last! }
                == fromStore.map { "sample/" + $0.split(separator: "\t").last! })
        let json = try kabar(["list", "--database", cluster.url, "--json", "--text", "--outlet", "genpi"])
        let record = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(record?["path"] as? String == "sample/2024/06/001_1c96dbfa7ee8ac16.txt")
        #expect((record?["text"] as? String)?.contains("Putin") == true)
        let searched = try kabar(["search", "--database", cluster.url, "person:kirby"])
        #expect(searched.output.contains("gemalantang.com"))
        #expect(searched.output.hasSuffix("1 matching article\n"))
        let shown = try kabar(["show", "--database", cluster.url, "sample/2024/06/001_1c96dbfa7ee8ac16.txt"])
        #expect(shown.status == 0, "\(shown.errorOutput)")
        #expect(shown.output.contains("Outlet: genpi.co"))
        #expect(shown.output.contains("File:   sample/2024/06/001_1c96dbfa7ee8ac16.txt"))
        let id = String(lines[0].split(separator: "\t")[0])
        #expect(try kabar(["show", "--database", cluster.url, id]).output == shown.output)
        let missing = try kabar(["show", "--database", cluster.url, "sample/none.txt"])
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("no article sample/none.txt"))
        let exported = try kabar(["export", "--database", cluster.url, "putin"])
        #expect(exported.status == 0, "\(exported.errorOutput)")
        #expect(exported.output.split(separator: "\n").count == 5)
        #expect(exported.output.contains("\"path\":\"sample/2024/06/"))
        let both = try kabar(["list", store.url.path, "--database", cluster.url])
        #expect(both.status == 2)
        #expect(both.errorOutput.contains("not both"))
    }

    @Test("a wrong address or password is said plainly, without the password")
    func badAddress() throws {
        let cluster = try PrivateCluster()
        let port = URLComponents(string: cluster.url)?.queryItems?.first { $0.name == "port" }?.value ?? "1"
        let wrong = try kabar(["list", "--database", "postgres://nobody:hunter2@127.0.0.1:\(port)/postgres"])
        #expect(wrong.status != 0)
        #expect(wrong.errorOutput.contains("nobody"))
        #expect(!wrong.errorOutput.contains("hunter2"))
        let empty = try kabar(["list", "--database", cluster.url])
        #expect(empty.status != 0)
        #expect(empty.errorOutput.contains("holds no kabar index yet"), "\(empty.errorOutput)")
        let nonsense = try kabar(["list", "--database", "not a url"])
        #expect(nonsense.status == 2)
        #expect(nonsense.errorOutput.contains("not a database address"))
    }
}
