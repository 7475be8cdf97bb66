import Foundation
import KabarTestSupport
import Testing

/// Whether this process may mount file systems (root with the capability): needed to make a full
/// disk and a read-only store for real.
let canMount: Bool = {
    guard getuid() == 0 else { return false }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kabar-mount-probe-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    guard
        (try? runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path], environment: [:]))?
            .status == 0
    else { return false }
    _ = try? runCommand("/bin/umount", [folder.path], environment: [:])
    return true
}()

/// A tmpfs mounted on a folder for one test, unmounted at the end.
final class Mount {
    let url: URL

    init(size: String, at url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let result = try runCommand(
            "/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path], environment: [:])
        guard result.status == 0 else { throw TmuxError("mount failed: \(result.errorOutput)") }
    }

    func remountReadOnly() throws {
        let result = try runCommand("/bin/mount", ["-o", "remount,ro", url.path], environment: [:])
        guard result.status == 0 else { throw TmuxError("remount failed: \(result.errorOutput)") }
    }

    deinit { _ = try? runCommand("/bin/umount", [url.path], environment: [:]) }
}

@Suite("Reliability: kill, damage, share, starve the real binary", .serialized)
struct ReliabilityEndToEndTests {
    let home: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
        // Processes that drop to another user must reach it.
        chmod(home.url.path, 0o777)
    }

    var environment: [String: String] {
        [
            "XDG_CACHE_HOME": home.url.appendingPathComponent("cache").path,
            "XDG_STATE_HOME": home.url.appendingPathComponent("state").path, "HOME": home.url.path,
            "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ]
    }

    func kabar(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CommandResult {
        try runCommand(kabarBinary, arguments, environment: environment.merging(extra) { $1 })
    }

    /// A store of `count` short articles in folders of 500.
    func store(_ count: Int) throws -> TemporaryFolder {
        let store = try TemporaryFolder()
        for number in 0..<count {
            try store.write(
                "\(number / 500)/\(number).txt",
                "Judul Berita Nomor \(number) Yang Panjang\n\n\(1 + number % 28) Maret 2025 10:00\n\nJakarta - Isi berita nomor \(number) yang cukup panjang untuk paragraf.\n"
            )
        }
        return store
    }

    @Test(
        "SIGKILL at any moment of either phase of indexing loses nothing: the next run finishes the work, once per file"
    )
    func killedWhileIndexing() throws {
        let store = try store(8000)
        let index = home.url.appendingPathComponent("killed.sqlite").path
        // Kill each run as soon as it has committed more of the store than the runs before it, until
        // one finishes on its own (each run resumes the last): a state reached, not a time passed.
        var killedMidway = 0
        var killedInPhase2 = 0
        var finishedAlone = false
        var indexed = (words: 0, names: 0)
        for _ in 0..<30 where !finishedAlone {
            let pid = try spawnProcess(
                [kabarBinary, "list", "--store", store.url.path, "--index", index], environment: environment,
                outputPath: nil, errorPath: nil)
            var waitStatus: Int32 = 0
            var exited = false
            // A run left with only the stories to group commits nothing until it ends: these 8,000
            // alike articles' stories take a debug build over half a minute on two busy cores.
            let progressed = waitUntil(timeoutSeconds: 300) {
                exited = waitpid(pid, &waitStatus, WNOHANG) == pid
                let now = indexedPhases(index) ?? (0, 0)
                return exited || now.words > indexed.words || now.names > indexed.names
            }
            #expect(progressed, "a run neither indexed more nor ended")
            let status: Int32
            if exited {
                status = (waitStatus & 0x7F) == 0 ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
            } else {
                kill(pid, SIGKILL)
                status = waitForExit(pid)
            }
            let now = indexedPhases(index) ?? (0, 0)
            if status == 128 + SIGKILL {
                killedMidway += 1
                if now.words == 8000 && now.names < 8000 { killedInPhase2 += 1 }
            } else {
                finishedAlone = status == 0
            }
            #expect(now.words >= indexed.words, "a killed run lost articles: \(indexed) before, \(now) after")
            #expect(now.names >= indexed.names, "a killed run lost names: \(indexed) before, \(now) after")
            indexed = now
        }
        #expect(killedMidway >= 3, "only \(killedMidway) runs were killed before they finished")
        #expect(killedInPhase2 >= 1, "no run was killed while finding names")
        let final = try kabar(["list", "--store", store.url.path, "--index", index])
        #expect(final.status == 0, "\(final.errorOutput)")
        let paths = final.output.split(separator: "\n").map { $0.split(separator: "\t").last.map(String.init) ?? "" }
        #expect(paths.count == 8000)
        #expect(Set(paths).count == 8000)
        let doctor = try kabar(["doctor", store.url.path, "--index", index])
        #expect(doctor.status == 0, "\(doctor.output)")
        #expect(doctor.output.contains("integrity check: ok"))
        #expect(doctor.output.contains("8000 articles"))
        // Phase 2 read each article once: every one has its story row, none waits, none twice.
        let phases = try #require(indexedPhases(index))
        #expect(phases.words == 8000 && phases.names == 8000)
        #expect(indexedStoryRows(index) == 8000)
    }

    @Test("two kabar processes on one store at once: both answer in full, the index has each file once")
    func twoProcesses() throws {
        let store = try store(2000)
        let index = home.url.appendingPathComponent("shared.sqlite").path
        let outputs = (0..<2).map { home.url.appendingPathComponent("out\($0)").path }
        let errors = (0..<2).map { home.url.appendingPathComponent("err\($0)").path }
        let pids = try (0..<2).map { number in
            try spawnProcess(
                [kabarBinary, "list", "--store", store.url.path, "--index", index], environment: environment,
                outputPath: outputs[number], errorPath: errors[number])
        }
        let statuses = pids.map(waitForExit)
        #expect(statuses == [0, 0])
        for number in 0..<2 {
            let output = try String(contentsOfFile: outputs[number], encoding: .utf8)
            let error = try String(contentsOfFile: errors[number], encoding: .utf8)
            #expect(output.split(separator: "\n").count == 2000)
            #expect(!error.lowercased().contains("locked"), "\(error)")
        }
        let doctor = try kabar(["doctor", store.url.path, "--index", index])
        #expect(doctor.output.contains("2000 articles"), "\(doctor.output)")
        #expect(doctor.output.contains("integrity check: ok"))
    }

    @Test("a damaged index is moved aside and rebuilt with a message; the reading state is kept")
    func damagedIndex() throws {
        let store = try store(20)
        #expect(try kabar(["list", "--store", store.url.path]).status == 0)
        let indexes = home.url.appendingPathComponent("cache/kabar/indexes")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: indexes.path).first { $0.hasSuffix(".sqlite") })
        let state = home.url.appendingPathComponent("state/kabar/reading")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let marks = state.appendingPathComponent(String(file.dropLast(".sqlite".count)) + ".txt")
        try "read\t0/1.txt\nstar\t0/2.txt\n".write(to: marks, atomically: true, encoding: .utf8)
        try Data(repeating: 0x42, count: 8192).write(to: indexes.appendingPathComponent(file))
        let result = try kabar(["list", "--store", store.url.path])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").count == 20)
        #expect(result.errorOutput.contains("the index was damaged"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("moved aside to \(file).damaged-"))
        #expect(try String(contentsOf: marks, encoding: .utf8) == "read\t0/1.txt\nstar\t0/2.txt\n")
        let doctor = try kabar(["doctor", store.url.path])
        #expect(doctor.output.contains("1 read, 1 starred"), "\(doctor.output)")
    }

    @Test(
        "a cache folder that cannot be written: a clear message, and the store is read with an index in memory",
        .enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func unwritableCache() throws {
        let store = try store(10)
        let result = try kabar(["list", "--store", store.url.path], environment: ["XDG_CACHE_HOME": "/dev/null/cache"])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").count == 10)
        #expect(
            result.errorOutput.contains("cannot keep the index at /dev/null/cache/kabar/indexes/"),
            "\(result.errorOutput)")
        #expect(result.errorOutput.contains("using one in memory for this session"))
        let tmux = try startKabar(
            shellQuoted(store.url.path) + " --index /dev/null/index.sqlite", width: 160, height: 20, cache: home)
        defer { tmux.close() }
        let (screen, opened) = tmux.waitFor { $0.contains("10 articles") && $0.contains("using one in memory") }
        #expect(opened, "\(screen)")
        quitExpectingSuccess(tmux)
    }

    @Test(
        "a full disk under the index: a clear message, and the store is read all the same, in the reader too",
        .enabled(if: canMount, "needs root to mount a tmpfs"), .enabled(if: TmuxSession.isAvailable, "needs tmux"))
    func fullDisk() throws {
        let store = try store(400)
        // Too small for even an empty index, then room for the empty index but not the articles.
        for (size, message) in [("96k", "cannot keep the index at"), ("256k", "cannot write the index")] {
            let disk = try Mount(size: size, at: home.url.appendingPathComponent("full-\(size)"))
            let result = try kabar(["list", "--store", store.url.path, "--index", disk.url.path + "/index.sqlite"])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.split(separator: "\n").count == 400)
            #expect(result.errorOutput.contains(message), "\(size): \(result.errorOutput)")
            #expect(result.errorOutput.contains("database or disk is full"), "\(result.errorOutput)")
            #expect(result.errorOutput.contains("using one in memory for this session"))
        }
        let disk = try Mount(size: "256k", at: home.url.appendingPathComponent("full-reader"))
        let tmux = try startKabar(
            shellQuoted(store.url.path) + " --index " + shellQuoted(disk.url.path + "/index.sqlite"), width: 160,
            height: 20, cache: home)
        defer { tmux.close() }
        let (screen, read) = tmux.waitFor {
            $0.contains("400 articles") && $0.contains("using one in memory for this session")
        }
        #expect(read, "\(screen)")
        quitExpectingSuccess(tmux)
    }

    @Test(
        "a store on a read-only file system is indexed and read", .enabled(if: canMount, "needs root to mount a tmpfs"))
    func readOnlyStore() throws {
        let disk = try Mount(size: "1m", at: home.url.appendingPathComponent("ro"))
        for number in 0..<5 {
            try Data("Judul Berita Nomor \(number) Yang Panjang\n\nJakarta - Isi berita.\n".utf8)
                .write(to: disk.url.appendingPathComponent("\(number).txt"))
        }
        try disk.remountReadOnly()
        let result = try kabar(["list", "--store", disk.url.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.split(separator: "\n").count == 5)
        #expect(try kabar(["doctor", disk.url.path]).status == 0)
    }

    @Test("unreadable files and folders are skipped with the reason, in doctor and in the reader")
    func unreadable() throws {
        let store = try store(3)
        try store.write("locked.txt", "Judul Yang Terkunci Panjang\n\nJakarta - Isi.")
        try store.write("closed/inside.txt", "Judul Di Dalam Folder Tertutup\n\nJakarta - Isi.")
        chmod(store.url.appendingPathComponent("locked.txt").path, 0o000)
        chmod(store.url.appendingPathComponent("closed").path, 0o000)
        // Root reads everything: run kabar as nobody, who cannot.
        let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try runCommand(
            asUser.first ?? kabarBinary,
            Array(asUser.dropFirst()) + (asUser.isEmpty ? [] : [kabarBinary]) + ["doctor", store.url.path],
            environment: environment)
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("locked.txt: cannot be read (Permission denied)"), "\(result.output)")
        #expect(result.output.contains("closed: folder cannot be read (Permission denied)"), "\(result.output)")
        #expect(result.output.contains("3 articles"))
    }

    @Test("a store that does not exist or is a file: a clear message and exit code 1")
    func badStorePath() throws {
        let store = try store(1)
        for (path, message) in [
            ("/nonexistent/store", "store not found: /nonexistent/store does not exist"),
            (store.url.path + "/0/0.txt", "is a file; give the folder that holds the articles"),
        ] {
            for command in [["list", "--store", path], [path], ["doctor", path]] {
                let result = try kabar(command)
                #expect(result.status == 1, "\(command)")
                #expect(result.errorOutput.contains(message), "\(command): \(result.errorOutput)")
            }
        }
    }
}
