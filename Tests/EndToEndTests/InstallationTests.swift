import Foundation
import KabarTestSupport
import Testing

@Suite("Files shipped with kabar")
struct InstallationTests {
    static let bundledFiles = [
        "ner.model", "known-names.tsv", "roots.txt", "compounds.txt", "outlets.tsv", "words.rarity",
    ]

    let home: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
    }

    func run(_ binary: String, _ arguments: String...) throws -> CommandResult {
        // A copied program cannot start while a process spawned meanwhile holds the copy's write
        // descriptor ("Text file busy"); it can once that process has started.
        var attempts = 0
        while true {
            do {
                return try runCommand(
                    binary, arguments,
                    environment: [
                        "XDG_CACHE_HOME": home.url.path, "XDG_STATE_HOME": home.url.path, "HOME": home.url.path,
                        "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                    ])
            } catch  where "\(error)".contains("Text file busy") && attempts < 100 {
                attempts += 1
                usleep(50_000)
            }
        }
    }

    /// A copy of the built program (a hard link where the file system allows) and of its resource
    /// folders, which a test may break without touching the real ones.
    func copyOfKabar(in folder: TemporaryFolder) throws -> String {
        let built = URL(fileURLWithPath: kabarBinary)
        let products = built.deletingLastPathComponent()
        let copy = folder.url.appendingPathComponent("kabar")
        if link(built.path, copy.path) != 0 {
            try FileManager.default.copyItem(at: built, to: copy)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: products.path)
        where name.hasSuffix(".resources") {
            try FileManager.default.copyItem(
                at: products.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        return copy.path
    }

    @Test("doctor lists every file kabar ships with as read, and no command warns of them")
    func healthyInstallation() throws {
        let list = try run(kabarBinary, "list")
        #expect(list.status == 0, "\(list.errorOutput)")
        #expect(!list.errorOutput.contains("broken installation"), "\(list.errorOutput)")
        let doctor = try run(kabarBinary, "doctor")
        #expect(doctor.status == 0, "\(doctor.output)")
        #expect(doctor.output.contains("every file kabar ships with was read"), "\(doctor.output)")
        for name in Self.bundledFiles {
            #expect(doctor.output.contains(" \(name): ok"), "\(name): \(doctor.output)")
        }
    }

    @Test("a copy of kabar without its model or with an empty word list says so once at start, and doctor exits 1")
    func brokenInstallation() throws {
        let folder = try TemporaryFolder(prefix: "kabar-install")
        let binary = try copyOfKabar(in: folder)
        let model = folder.url.appendingPathComponent("kabar_Entities.resources/ner.model")
        let compounds = folder.url.appendingPathComponent("kabar_Search.resources/compounds.txt")
        try FileManager.default.removeItem(at: model)
        try Data().write(to: compounds)

        let list = try run(binary, "list")
        #expect(list.status == 0, "\(list.errorOutput)")
        #expect(list.output.contains("genpi.co"), "the store is still listed: \(list.output)")
        let modelLine =
            "kabar: broken installation: the entity model ner.model is missing: looked for at \(model.path)\n"
        let compoundsLine =
            "kabar: broken installation: the stemmer's list of compound roots compounds.txt is empty: looked for at \(compounds.path)\n"
        #expect(list.errorOutput == modelLine + compoundsLine)

        let doctor = try run(binary, "doctor")
        #expect(doctor.status == 1, "\(doctor.output)")
        #expect(doctor.output.contains("Bundled   broken installation"), "\(doctor.output)")
        #expect(doctor.output.contains("the entity model ner.model is missing: looked for at \(model.path)"))
        #expect(doctor.output.contains("compounds.txt is empty: looked for at \(compounds.path)"))
        #expect(doctor.output.contains(" roots.txt: ok"), "\(doctor.output)")
        #expect(doctor.output.hasSuffix("Problems found.\n"), "\(doctor.output)")
    }

    @Test("a damaged word table for stories is reported by doctor, and stories are still grouped without it")
    func damagedWordTable() throws {
        let folder = try TemporaryFolder(prefix: "kabar-install")
        let binary = try copyOfKabar(in: folder)
        let table = folder.url.appendingPathComponent("kabar_Stories.resources/words.rarity")
        try Data("not a table".utf8).write(to: table)
        let doctor = try run(binary, "doctor")
        #expect(doctor.status == 1, "\(doctor.output)")
        #expect(
            doctor.output.contains(
                "the story grouping's word table words.rarity is damaged (not a word table of this version): looked for at \(table.path)"
            ), "\(doctor.output)")
        let stories = try run(binary, "stories")
        #expect(stories.status == 0, "\(stories.errorOutput)")
        #expect(stories.output.hasPrefix("== "), "\(stories.output)")
    }
}
